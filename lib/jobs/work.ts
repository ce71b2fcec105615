// Workers: each is a pg-boss worker fetching one job at a time. A worker that has just finished a
// job fetches the next one at once (instead of waiting for its polling interval), and an idle one
// is woken by another instance's NOTIFY, so a queue drains at the speed of its jobs.
// Idle polling only catches what no NOTIFY announces (a retry's delay running out, a job whose
// instance died, a lost notification). One worker per queue does it often; the others rarely,
// and whichever worker finds a job wakes the rest of its queue, since more may be due with it.
import "server-only";
import type PgBoss from "pg-boss";
import { log } from "@/lib/log";
import { parsePayload, PayloadError, type Payload, type QueueName } from "./queues";

/** `retryLimit` is the job's own (set when it was queued): its last attempt is `retryCount === retryLimit`. */
export type JobContext = { id: string; queue: QueueName; retryCount: number; retryLimit: number; workerIndex: number };
export type JobHandler<Q extends QueueName> = (payload: Payload<Q>, job: JobContext) => Promise<object | void>;

/** A queue's first worker polls this often when idle; wake-ups and back-to-back jobs do not wait for it. */
export const IDLE_POLL_SECONDS = 2;
/** The other workers' idle polling: a backstop for when the first is busy with a long job. */
export const BACKSTOP_POLL_SECONDS = 30;

const workersByQueue = new Map<string, string[]>();

export async function startWorkers<Q extends QueueName>(boss: PgBoss, queue: Q, count: number, handler: JobHandler<Q>): Promise<void> {
  const ids: string[] = [];
  for (let workerIndex = 0; workerIndex < count; workerIndex += 1) {
    let id = "";
    const pollingIntervalSeconds = workerIndex === 0 ? IDLE_POLL_SECONDS : BACKSTOP_POLL_SECONDS;
    id = await boss.work<unknown>(queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, async ([job]) => {
      if (!job) return;
      // Idle ones fetch now; busy ones (this one too) fetch again as soon as they finish.
      wakeWorkers(boss, queue);
      const started = Date.now();
      try {
        const payload = parsePayload(queue, job.data);
        return (await handler(payload, { id: job.id, queue, retryCount: job.retryCount, retryLimit: job.retryLimit, workerIndex })) ?? undefined;
      } catch (error) {
        const fields = { queue, jobId: job.id, attempt: job.retryCount + 1, durationMs: Date.now() - started, err: error };
        if (error instanceof PayloadError) log.error(fields, "job rejected: unknown payload");
        else log.warn(fields, "job failed; the queue retries it");
        throw error;
      } finally {
        // Fetch the next job now rather than after the polling interval.
        boss.notifyWorker(id);
      }
    });
    ids.push(id);
  }
  workersByQueue.set(queue, [...(workersByQueue.get(queue) ?? []), ...ids]);
}

/** Wakes this process's idle workers of a queue (called on another instance's NOTIFY). */
export function wakeWorkers(boss: PgBoss, queue: string): void {
  for (const id of workersByQueue.get(queue) ?? []) boss.notifyWorker(id);
}

export function workerCount(): number {
  let total = 0;
  for (const ids of workersByQueue.values()) total += ids.length;
  return total;
}

export function forgetWorkers(): void {
  workersByQueue.clear();
}
