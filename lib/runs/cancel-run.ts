// Cancel stops what has not started: waiting items become cancelled and their jobs are withdrawn;
// items already running finish (a half-sent rotation is never abandoned).
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { cancelJobs, QUEUES } from "@/lib/jobs";
import { finalizeRun } from "./finish";

export type CancelledRun = { runId: string; cancelled: number; stillRunning: number };

export async function cancelRun(sandboxName: string, runId: string, actor: AuditActor): Promise<ActionResult<CancelledRun>> {
  const run = await db.rotationRun.findFirst({ where: { id: runId, sandboxName }, select: { id: true, status: true } });
  if (!run) return fail("not_found", "There is no such run in this sandbox.");
  if (run.status !== "running") return fail("validation", `This run has already ${run.status === "cancelled" ? "been cancelled" : "finished"}; there is nothing to cancel.`);
  const jobIds = await db.$transaction(async (tx) => {
    const claimed = await tx.rotationRun.updateMany({ where: { id: runId, status: "running" }, data: { status: "cancelled", cancelledAt: new Date(), cancelledBy: actor.email } });
    if (claimed.count === 0) return undefined;
    const waiting = await tx.rotationRunItem.findMany({ where: { runId, status: "waiting" }, select: { jobId: true } });
    await tx.rotationRunItem.updateMany({ where: { runId, status: "waiting" }, data: { status: "cancelled", finishedAt: new Date(), message: "Cancelled before it started." } });
    await recordAuditEvent({ actor, action: "rotation_run.cancel", targetType: "run", targetId: runId, sandboxName, outcome: "success", details: { runId, cancelled: waiting.length } }, tx);
    return waiting.map((item) => item.jobId);
  });
  if (!jobIds) return fail("validation", "This run finished while it was being cancelled; there is nothing to cancel.");
  // The items are already cancelled: a job that starts anyway sees it and does nothing.
  await cancelJobs(QUEUES.rotateConnection, jobIds).catch(() => undefined);
  await finalizeRun(runId);
  const stillRunning = await db.rotationRunItem.count({ where: { runId, status: "running" } });
  return ok({ runId, cancelled: jobIds.length, stillRunning });
}
