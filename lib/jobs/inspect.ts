// Reading the queue's state for the UI: a sandbox's open sync, one job's outcome.
import "server-only";
import { BOSS_SCHEMA, getBoss } from "./boss";
import type { QueueName } from "./queues";

export type JobState = "waiting" | "running" | "done" | "failed" | "cancelled";

export type JobStatus = { id: string; state: JobState; output: unknown; createdAt: Date; finishedAt: Date | null; attempts: number };

const STATES: Record<string, JobState> = { created: "waiting", retry: "waiting", active: "running", completed: "done", failed: "failed", cancelled: "cancelled" };

/** The oldest job of `queue` with this singleton key that has not finished yet, if any. */
export async function findOpenJob(queue: QueueName, singletonKey: string): Promise<string | undefined> {
  const boss = await getBoss();
  const { rows } = await boss.getDb().executeSql(
    `SELECT id FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' ORDER BY created_on LIMIT 1`,
    [queue, singletonKey],
  );
  return (rows[0] as { id?: string } | undefined)?.id;
}

export async function jobStatus(queue: QueueName, id: string): Promise<JobStatus | undefined> {
  const boss = await getBoss();
  const job = await boss.getJobById<unknown>(queue, id, { includeArchive: true });
  if (!job) return undefined;
  return {
    id: job.id,
    state: STATES[job.state] ?? "waiting",
    output: job.output,
    createdAt: job.createdOn,
    finishedAt: job.completedOn,
    attempts: job.retryCount + (job.state === "created" ? 0 : 1),
  };
}
