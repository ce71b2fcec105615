// Syncs run as `sync-sandbox` jobs: scheduled once per interval for the whole cluster, or asked for
// with "Sync now". One sandbox never has two syncs queued or two running: a request made while one
// waits or runs joins it, and everyone who asked sees that one's result.
import "server-only";
import type { AuditActor } from "@/lib/audit/record";
import { serverEnv } from "@/lib/env";
import { waitForSandbox } from "@/lib/flow-service/shared-throttle";
import { enqueue, findOpenJob, jobStatus, QUEUES, type JobState, type Payload } from "@/lib/jobs";
import { log } from "@/lib/log";
import { syncSandbox, type SyncReport } from "./sync";

export const SYSTEM_ACTOR = { id: null, email: "system@scheduler" } as const;

export type SyncRequest = { jobId: string; joined: boolean };

export async function requestSync(sandbox: string, actor: AuditActor): Promise<SyncRequest> {
  const open = await findOpenJob(QUEUES.syncSandbox, sandbox);
  if (open) return { jobId: open, joined: true };
  const jobId = await enqueue(QUEUES.syncSandbox, { v: 1, sandbox, trigger: "manual", actor: { id: actor.id ?? null, email: actor.email } }, { singletonKey: sandbox });
  if (jobId) return { jobId, joined: false };
  // Another request got in first (the queue keeps one queued sync per sandbox): join it.
  const other = await findOpenJob(QUEUES.syncSandbox, sandbox);
  if (other) return { jobId: other, joined: true };
  throw new Error("the sync could not be queued");
}

export type SyncStatus = { state: JobState; report?: SyncReport; message?: string };

export async function syncStatus(jobId: string): Promise<SyncStatus | undefined> {
  const status = await jobStatus(QUEUES.syncSandbox, jobId);
  if (!status) return undefined;
  if (status.state === "done") return { state: "done", report: status.output as SyncReport };
  if (status.state === "failed") return { state: "failed", message: "The sync failed after its retries; the audit log has the Flow Service request id." };
  return { state: status.state };
}

/** The job: wait if Flow Service asked the sandbox to slow down, then sync. */
export async function runSyncJob(payload: Payload<"sync-sandbox">): Promise<SyncReport> {
  await waitForSandbox(payload.sandbox);
  const report = await syncSandbox(payload.sandbox, payload.actor);
  if (report.imported || report.updated || report.missing) log.info({ ...report, trigger: payload.trigger }, "sync changed the inventory");
  return report;
}

/**
 * Every instance asks for the sync of each sandbox at the start of each interval (and again half
 * way, in case its clock runs ahead of the database's). The queue keeps one job per sandbox and
 * interval (a throttled send keyed by the interval's start), so N instances make one sync.
 */
export function scheduleSyncs(intervalSeconds = serverEnv().SYNC_INTERVAL_SECONDS, sandboxes = serverEnv().CONSOLE_SANDBOXES): { stop(): void } {
  if (intervalSeconds <= 0) return { stop: () => undefined };
  const intervalMs = intervalSeconds * 1000;
  const timers = new Set<NodeJS.Timeout>();
  const ask = async () => {
    for (const sandbox of sandboxes) {
      await enqueue(QUEUES.syncSandbox, { v: 1, sandbox, trigger: "schedule", actor: SYSTEM_ACTOR }, { singletonKey: sandbox, singletonSeconds: intervalSeconds }).catch((error: unknown) =>
        log.warn({ sandbox, err: { message: (error as Error).message } }, "could not queue the scheduled sync; the next tick tries again"),
      );
    }
  };
  const arm = (offsetMs: number) => {
    const wait = intervalMs - ((Date.now() - offsetMs) % intervalMs);
    const timer = setTimeout(() => {
      timers.delete(timer);
      arm(offsetMs);
      void ask();
    }, wait);
    timer.unref();
    timers.add(timer);
  };
  arm(Math.min(1_000, intervalMs / 10));
  arm(intervalMs / 2);
  return {
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
