// The one pg-boss instance of a console process. pg-boss keeps every job in PostgreSQL (schema
// "pgboss" of the console's database), so the work survives restarts, is shared by every instance
// on the same database, and a job whose instance died is retried by another once it times out.
import "server-only";
import PgBoss from "pg-boss";
import { log } from "@/lib/log";
import { serverEnv, type ServerEnv } from "@/lib/env";
import { QUEUES, RETRY_LIMITS, type QueueName } from "./queues";

export const BOSS_SCHEMA = "pgboss";

const globalForJobs = globalThis as unknown as { boss?: Promise<PgBoss> };

/** Retry and timeout policy per queue. */
function queueOptions(queue: QueueName, env: ServerEnv): PgBoss.Queue {
  const timeoutSeconds = env.JOB_TIMEOUT_SECONDS;
  const retryDelay = env.JOB_RETRY_DELAY_SECONDS;
  switch (queue) {
    case QUEUES.syncSandbox:
      // "stately": at most one queued and one running sync per sandbox (singletonKey = sandbox),
      // so clicks and schedules arriving while one waits join it instead of piling up.
      return { name: queue, policy: "stately", retryLimit: RETRY_LIMITS[queue], retryDelay: retryDelay * 3, retryBackoff: true, expireInSeconds: timeoutSeconds };
    case QUEUES.rotateConnection:
      return { name: queue, policy: "standard", retryLimit: RETRY_LIMITS[queue], retryDelay, retryBackoff: true, expireInSeconds: timeoutSeconds, deadLetter: QUEUES.rotationGaveUp };
    case QUEUES.planRotations:
      // One planner at a time: a slow pass is never overlapped by the next interval's.
      return { name: queue, policy: "stately", retryLimit: RETRY_LIMITS[queue], retryDelay, expireInSeconds: timeoutSeconds };
    case QUEUES.rotationGaveUp:
      return { name: queue, policy: "standard", retryLimit: RETRY_LIMITS[queue], retryDelay, retryBackoff: true, expireInSeconds: timeoutSeconds };
    case QUEUES.deliverWebhook:
      // Exponential backoff: pg-boss waits between d·2^n and d·2^(n+1) seconds before retry n+1.
      // An attempt lasts at most WEBHOOK_TIMEOUT_SECONDS, so a job active much longer than that
      // belongs to a dead instance and is retried by another.
      return {
        name: queue,
        policy: "standard",
        retryLimit: env.WEBHOOK_RETRY_LIMIT,
        retryDelay: env.WEBHOOK_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: env.WEBHOOK_TIMEOUT_SECONDS * 2 + 30,
        deadLetter: QUEUES.webhookGaveUp,
      };
    case QUEUES.webhookGaveUp:
      return { name: queue, policy: "standard", retryLimit: RETRY_LIMITS[queue], retryDelay, retryBackoff: true, expireInSeconds: timeoutSeconds };
  }
}

async function start(): Promise<PgBoss> {
  const env = serverEnv();
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL,
    schema: BOSS_SCHEMA,
    max: env.JOBS_POOL_SIZE,
    application_name: "s3console-jobs",
    // pg-boss's own cron is minute-grained; the sync schedule uses throttled sends instead.
    schedule: false,
    expireInSeconds: env.JOB_TIMEOUT_SECONDS,
    // How often an abandoned job (its instance gone) is noticed: a fraction of the timeout.
    maintenanceIntervalSeconds: Math.min(30, Math.max(2, Math.round(env.JOB_TIMEOUT_SECONDS / 4))),
    // Completed jobs stay queryable (a run's history, "Sync now" results) for two days.
    archiveCompletedAfterSeconds: 2 * 86_400,
    deleteAfterDays: 7,
  });
  // Without a listener an 'error' event would end the process; the queue recovers by itself.
  boss.on("error", (error: Error) => log.warn({ err: error }, "job queue error"));
  await boss.start();
  for (const queue of Object.values(QUEUES)) {
    const options = queueOptions(queue, env);
    await boss.createQueue(queue, options);
    // createQueue keeps an existing queue as it was: apply this version's policy to it.
    await boss.updateQueue(queue, options);
  }
  return boss;
}

/** The started queue (schema created or migrated by pg-boss on first use, under its own lock). */
export function getBoss(): Promise<PgBoss> {
  globalForJobs.boss ??= start().catch((error: unknown) => {
    globalForJobs.boss = undefined;
    throw error;
  });
  return globalForJobs.boss;
}

/** Stops workers (waiting up to `timeoutMs` for jobs in flight) and closes the queue's pool. */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const pending = globalForJobs.boss;
  globalForJobs.boss = undefined;
  const boss = await pending?.catch(() => undefined);
  await boss?.stop({ graceful: true, timeout: timeoutMs, wait: true });
}
