// Putting work on the queue. Every enqueue also wakes the workers of every instance (NOTIFY); in a
// transaction both the jobs and the wake-up take effect at commit, or not at all.
import "server-only";
import type PgBoss from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getBoss } from "./boss";
import type { Payload, QueueName } from "./queues";
import { inTransaction } from "./transaction";
import { WAKE_SQL } from "./wake";

export type EnqueueOptions = Pick<PgBoss.SendOptions, "singletonKey" | "singletonSeconds" | "startAfter" | "id">;

/** One job; null when the queue's policy already holds an equivalent one (same key or slot). */
export async function enqueue<Q extends QueueName>(queue: Q, payload: Payload<Q>, options: EnqueueOptions = {}): Promise<string | null> {
  const boss = await getBoss();
  const id = await boss.send(queue, payload, options);
  if (id) await boss.getDb().executeSql(WAKE_SQL, [queue]);
  return id;
}

/** Many jobs of one queue inside the caller's transaction: they exist if and only if it commits. */
export async function enqueueManyInTransaction<Q extends QueueName>(tx: Prisma.TransactionClient, queue: Q, jobs: { id: string; payload: Payload<Q> }[]): Promise<void> {
  if (jobs.length === 0) return;
  const boss = await getBoss();
  const executor = inTransaction(tx);
  // One statement per thousand jobs keeps each JSON parameter a reasonable size.
  for (let start = 0; start < jobs.length; start += 1_000) {
    await boss.insert(jobs.slice(start, start + 1_000).map((job) => ({ id: job.id, name: queue, data: job.payload })), executor);
  }
  await executor.db!.executeSql(WAKE_SQL, [queue]);
}

/** Cancels jobs that have not started; running ones finish (their handlers check their own state). */
export async function cancelJobs(queue: QueueName, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const boss = await getBoss();
  for (let start = 0; start < ids.length; start += 1_000) await boss.cancel(queue, ids.slice(start, start + 1_000));
}
