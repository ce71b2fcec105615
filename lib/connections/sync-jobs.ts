// Syncs run as `sync-sandbox` jobs: scheduled once per interval for the whole cluster, or asked for
// with "Sync now". One sandbox never has two syncs queued or two running: a request made while one
// waits or runs joins it, and everyone who asked sees that one's result.
import "server-only";
import type { AuditActor } from "@/lib/audit/record";
import { serverEnv } from "@/lib/env";
import { waitForSandbox } from "@/lib/flow-service/shared-throttle";
import { enqueue, findOpenJob, jobStatus, oncePerInterval, QUEUES, RETRY_LIMITS, type JobContext, type JobState, type Payload, type Schedule } from "@/lib/jobs";
import { raiseAlert } from "@/lib/alerts";
import { log } from "@/lib/log";
import { syncChangedInventory, syncSandbox, type SyncReport } from "./sync";

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
export async function runSyncJob(payload: Payload<"sync-sandbox">, job: JobContext): Promise<SyncReport> {
  await waitForSandbox(payload.sandbox);
  let report: SyncReport;
  try {
    // A person's "Sync now" is audited whatever it found; the scheduler's only when it changed something.
    report = await syncSandbox(payload.sandbox, payload.actor, { auditUnchanged: payload.trigger === "manual" });
  } catch (error) {
    // The last attempt: say so once (the queue retried the others).
    if (job.retryCount >= RETRY_LIMITS["sync-sandbox"]) {
      await raiseAlert({
        type: "sync.failed",
        sandbox: payload.sandbox,
        requestId: (error as { requestId?: string }).requestId ?? null,
        message: `The sync of sandbox ${payload.sandbox} with Flow Service failed ${job.retryCount + 1} times in a row: ${(error as Error).message}`,
        dedupeKey: `sync.failed:${payload.sandbox}:${job.id}`,
      });
    }
    throw error;
  }
  if (syncChangedInventory(report)) log.info({ ...report, trigger: payload.trigger }, "sync changed the inventory");
  return report;
}

/** The sync of every configured sandbox, once per SYNC_INTERVAL_SECONDS for the whole cluster. */
export function scheduleSyncs(intervalSeconds = serverEnv().SYNC_INTERVAL_SECONDS, sandboxes = serverEnv().CONSOLE_SANDBOXES): Schedule {
  return oncePerInterval(QUEUES.syncSandbox, intervalSeconds, () => sandboxes.map((sandbox) => ({ key: sandbox, payload: { v: 1 as const, sandbox, trigger: "schedule" as const, actor: SYSTEM_ACTOR } })));
}
