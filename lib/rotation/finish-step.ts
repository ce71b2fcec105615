// Step "finish": read the connection back (its etag must be the one the console stored, and its
// credential view becomes the console's known one), record where automatic rotation stands and
// the next rotation time, and audit the whole rotation with every request id.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { credentialFingerprint } from "@/lib/connections/credential-fingerprint";
import { db } from "@/lib/db";
import { utcTime } from "@/lib/format/utc";
import { flowService } from "@/lib/flow-service/server";
import { recordRotationSuccess } from "@/lib/rotation-policy/state";
import type { RotationContext } from "./sts-rotation";
import type { StepRecord } from "./steps";

export async function finishStep(connectionId: string, ctx: RotationContext, steps: StepRecord[]): Promise<{ requestId: string; etag: string; expiresAt: string | null; message: string }> {
  const { connection: remote, requestId } = await flowService().getConnection(ctx.remoteId, { sandbox: ctx.sandboxName });
  const stored = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const expiresAt = stored.sessionTokenExpiresAt?.toISOString() ?? null;
  const message = `Rotated and tested; the credentials expire ${expiresAt ? utcTime(expiresAt) : "at an unknown time"}.`;
  await db.$transaction(async (tx) => {
    // Only a version the console wrote is taken as the known credential view.
    if (remote.etag === stored.etag) await tx.connection.update({ where: { id: connectionId }, data: { credentialFingerprint: credentialFingerprint(remote), remoteEtag: remote.etag, driftDetectedAt: null } });
    await recordRotationSuccess(connectionId, ctx.sandboxName, { runId: ctx.runId, message }, tx);
    await recordAuditEvent(
      {
        actor: ctx.actor,
        action: "connection.rotation_completed",
        targetType: "connection",
        targetId: ctx.remoteId,
        connectionId,
        sandboxName: ctx.sandboxName,
        outcome: "success",
        requestId,
        details: { runId: ctx.runId ?? null, trigger: ctx.trigger, expiresAt, steps: [...steps.map((step) => ({ step: step.step, requestIds: step.requestIds })), { step: "finish", requestIds: [requestId] }] },
      },
      tx,
    );
  });
  return { requestId, etag: stored.etag, expiresAt, message };
}
