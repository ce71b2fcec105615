/**
 * The console's only door to its job queue (pg-boss 10 on the console's PostgreSQL).
 * Domain code enqueues and registers handlers here; nothing else imports pg-boss.
 */
import "server-only";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { getBoss, stopBoss } from "./boss";
import type { QueueName } from "./queues";
import type { Schedule } from "./schedule";
import { closeSlotPool } from "./slots";
import { listenForWakeups } from "./wake";
import { forgetWorkers, startWorkers, wakeWorkers, workerCount, type JobHandler } from "./work";

export { QUEUES, RETRY_LIMITS, PayloadError, type Payload, type QueueName } from "./queues";
export { enqueue, enqueueManyInTransaction, cancelJobs } from "./enqueue";
export { findOpenJob, jobStatus, type JobState, type JobStatus } from "./inspect";
export { LockTimeoutError, lockPoolSize, withConnectionLock, withRotationLocks, WORKERS_PER_SLOT, type InSlot } from "./slots";
export { oncePerInterval, type Schedule } from "./schedule";
export type { JobContext, JobHandler } from "./work";

export type WorkerRegistration = { [Q in QueueName]: { queue: Q; workers: number; handler: JobHandler<Q> } }[QueueName];

type Running = { startedAt: Date; stopListening(): Promise<void>; schedules: Schedule[] };
const globalForRunning = globalThis as unknown as { jobSystem?: Running; jobSystemError?: string };

/** Starts this process's workers (once per process); the schedules started here stop with them. */
export async function startJobSystem(registrations: WorkerRegistration[], schedules: (() => Schedule)[] = []): Promise<void> {
  if (globalForRunning.jobSystem) return;
  try {
    const boss = await getBoss();
    for (const registration of registrations) await startWorkers(boss, registration.queue, registration.workers, registration.handler as JobHandler<QueueName>);
    const listener = listenForWakeups(serverEnv().DATABASE_URL, (queue) => wakeWorkers(boss, queue));
    globalForRunning.jobSystem = { startedAt: new Date(), stopListening: listener.stop, schedules: schedules.map((start) => start()) };
    globalForRunning.jobSystemError = undefined;
    log.info({ workers: workerCount() }, "job workers started");
  } catch (error) {
    globalForRunning.jobSystemError = (error as Error).message;
    throw error;
  }
}

export async function stopJobSystem(timeoutMs?: number): Promise<void> {
  const running = globalForRunning.jobSystem;
  globalForRunning.jobSystem = undefined;
  for (const schedule of running?.schedules ?? []) schedule.stop();
  await running?.stopListening();
  await stopBoss(timeoutMs);
  forgetWorkers();
  await closeSlotPool();
}

/** For readiness: are this process's workers running? */
export function jobSystemHealth(): { running: boolean; workers: number; since?: Date; error?: string } {
  const running = globalForRunning.jobSystem;
  return running ? { running: true, workers: workerCount(), since: running.startedAt } : { running: false, workers: 0, error: globalForRunning.jobSystemError };
}
