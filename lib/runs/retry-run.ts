// "Retry failed" puts only the failed and conflicting items back in the queue (new jobs), under the
// same run. A token run asks for its token again: it was erased when the run stopped needing it.
import "server-only";
import { randomUUID } from "node:crypto";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueManyInTransaction, QUEUES } from "@/lib/jobs";
import { sealRunCredentials } from "./credentials";
import type { RetryRun } from "./schemas";

export async function retryFailedItems(sandboxName: string, runId: string, input: RetryRun, actor: AuditActor): Promise<ActionResult<{ runId: string; retried: number }>> {
  const run = await db.rotationRun.findFirst({ where: { id: runId, sandboxName }, select: { id: true, status: true, mode: true } });
  if (!run) return fail("not_found", "There is no such run in this sandbox.");
  if (run.status === "running") return fail("validation", "This run is still going; retry its failures once it has finished.");
  const failed = await db.rotationRunItem.findMany({ where: { runId, status: { in: ["failed", "conflict"] } }, select: { id: true } });
  if (failed.length === 0) return fail("validation", "This run has no failed items to retry.");
  if (run.mode === "token" && !input.credentials) {
    return fail("validation", "Enter the session token again: the console does not keep it once a run no longer needs it.", { fields: { s3SessionToken: "Enter the session token to apply." } });
  }
  const jobs = failed.map((item) => ({ itemId: item.id, jobId: randomUUID() }));
  await db.$transaction(async (tx) => {
    await tx.rotationRun.update({
      where: { id: runId },
      data: { status: "running", finishedAt: null, ...(run.mode === "token" && input.credentials ? { sealedCredentials: sealRunCredentials(input.credentials) } : {}) },
    });
    for (let start = 0; start < jobs.length; start += 1_000) {
      const values = jobs.slice(start, start + 1_000).map((job) => Prisma.sql`(${job.itemId}::uuid, ${job.jobId}::uuid)`);
      await tx.$executeRaw`
        UPDATE "RotationRunItem" AS item SET "status" = 'waiting', "jobId" = queued.job, "errorCode" = NULL, "finishedAt" = NULL, "message" = 'Queued again by "Retry failed".'
        FROM (VALUES ${Prisma.join(values)}) AS queued (id, job) WHERE item."id" = queued.id`;
    }
    await enqueueManyInTransaction(tx, QUEUES.rotateConnection, jobs.map((job) => ({ id: job.jobId, payload: { v: 1 as const, runId, itemId: job.itemId } })));
    await recordAuditEvent({ actor, action: "rotation_run.retry_failed", targetType: "run", targetId: runId, sandboxName, outcome: "success", details: { runId, retried: jobs.length } }, tx);
  });
  return ok({ runId, retried: jobs.length });
}
