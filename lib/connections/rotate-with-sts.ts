// "Rotate now": the console assumes the connection's rotation role with its own AWS credentials
// (the SDK's standard chain), then patches the minted triple into Flow Service with its real
// expiry. The minted secrets exist only in this function's memory and in the PATCH body.
import "server-only";
import { fail, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { defaultSessionName, isTransientStsFailure, mintSessionCredentials, stsConfigFromEnv } from "@/lib/sts";
import { patchCredentials, type PatchOptions, type Rotated } from "./rotate-token";

export async function rotateWithSts(sandboxName: string, remoteId: string, actor: AuditActor, options: Omit<PatchOptions, "action"> = {}): Promise<ActionResult<Rotated>> {
  const row = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } } });
  if (!row) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  if (!row.rotationRoleArn) return fail("validation", "Give this connection a rotation source (an IAM role to assume) before rotating with STS.");
  const sts = stsConfigFromEnv(process.env);
  const minted = await mintSessionCredentials(
    { roleArn: row.rotationRoleArn, externalId: row.rotationExternalId ?? undefined, durationSeconds: row.rotationDurationSeconds ?? undefined, sessionName: defaultSessionName(row.name) },
    { endpoint: sts.endpoint, region: sts.region },
  );
  if (!minted.ok) {
    await recordAuditEvent({ actor, action: "connection.rotate_sts", targetType: "connection", targetId: remoteId, connectionId: row.id, sandboxName, outcome: "failure", details: { roleArn: row.rotationRoleArn, stsError: minted.error.code, ...options.details } });
    // A passing STS failure (unreachable, throttled) gets its own code, so callers that retry know it.
    return fail(isTransientStsFailure(minted.error.code) ? "sts_unavailable" : "sts", `${minted.error.message} ${minted.error.fix}`);
  }
  return patchCredentials(
    sandboxName,
    remoteId,
    { s3AccessKey: minted.accessKeyId, s3SecretKey: minted.secretAccessKey, s3SessionToken: minted.sessionToken, expiresAt: minted.expiration },
    actor,
    { ...options, action: "connection.rotate_sts", details: { roleArn: row.rotationRoleArn, assumedRoleArn: minted.assumedRoleArn ?? null, ...options.details } },
  );
}
