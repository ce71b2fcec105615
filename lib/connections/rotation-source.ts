// A connection's rotation source: the IAM role the console assumes with STS to mint fresh
// temporary credentials for it. Not a secret (ARN, external id, duration), so it is stored.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { RotationSource } from "@/lib/sts/rotation-source";
import { findStoredConnection } from "./inventory";

export async function setRotationSource(sandboxName: string, remoteId: string, source: RotationSource | null, actor: AuditActor): Promise<ActionResult<{ remoteId: string }>> {
  const row = await findStoredConnection(sandboxName, remoteId);
  if (!row) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  if (row.platform === "aws") return fail("validation", "Connections of AEP on AWS use AEP's IAM role; they have no credentials to mint.");
  await db.$transaction(async (tx) => {
    await tx.connection.update({
      where: { id: row.id },
      data: { rotationRoleArn: source?.roleArn ?? null, rotationExternalId: source?.externalId ?? null, rotationDurationSeconds: source?.durationSeconds ?? null },
    });
    await recordAuditEvent(
      { actor, action: source ? "connection.set_rotation_source" : "connection.clear_rotation_source", targetType: "connection", targetId: remoteId, connectionId: row.id, sandboxName, outcome: "success", details: { roleArn: source?.roleArn ?? null, durationSeconds: source?.durationSeconds ?? null, externalIdSet: Boolean(source?.externalId) } },
      tx,
    );
  });
  return ok({ remoteId });
}
