// Step "set": PATCH the minted credentials with If-Match. A 412 is read again: when what changed is
// visible and is not the credentials (a rename, a new description), the rotation is re-applied on
// the latest etag and that is audited; when the credentials changed (or the change cannot be seen),
// nothing more is sent and a person is asked to look: someone else's credentials are never overwritten.
import "server-only";
import type { ActionError } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { describeConflict } from "@/lib/connections/conflict";
import { credentialFingerprint } from "@/lib/connections/credential-fingerprint";
import { remoteColumns } from "@/lib/connections/remote-record";
import { patchCredentials, type Credentials, type PatchOptions, type Rotated } from "@/lib/connections/rotate-token";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { utcTime } from "@/lib/format/utc";
import type { Prisma } from "@/lib/generated/prisma/client";

type Row = Prisma.ConnectionGetPayload<object>;

export type SetResult = { ok: true; rotated: Rotated; requestIds: string[]; reapplied: boolean } | { ok: false; error: ActionError; needsAttention: boolean };

export async function setStep(
  row: Row,
  credentials: Credentials,
  actor: AuditActor,
  options: Omit<PatchOptions, "action" | "expectedEtag"> & { expectedEtag?: string; details: Record<string, unknown> },
): Promise<SetResult> {
  const patch = (expectedEtag: string | undefined) => patchCredentials(row.sandboxName, row.remoteId, credentials, actor, { ...options, expectedEtag, action: "connection.rotate_sts" });
  const first = await patch(options.expectedEtag);
  if (first.ok) return { ok: true, rotated: first.data, requestIds: [first.data.requestId], reapplied: false };
  // A person who confirmed a conflict (expectedEtag) has decided; otherwise only 412s are read again.
  if (first.error.code !== "conflict" || options.expectedEtag) return { ok: false, error: first.error, needsAttention: false };

  const { connection: remote, requestId: readId } = await flowService().getConnection(row.remoteId, { sandbox: row.sandboxName });
  const visible = describeConflict(row, remote).changes.filter((change) => change.remote !== "changed");
  const credentialsUnchanged = row.credentialFingerprint !== null && row.credentialFingerprint === credentialFingerprint(remote);
  if (!credentialsUnchanged || visible.length === 0) {
    const who = remote.updatedBy ? ` by ${remote.updatedBy}` : "";
    const when = remote.updatedAt ? ` at ${utcTime(remote.updatedAt)}` : "";
    return {
      ok: false,
      needsAttention: true,
      error: {
        code: "needs_attention",
        message: `The connection was changed in Flow Service${who}${when}${credentialsUnchanged ? " in a way the console cannot see" : ", including its credentials"}. The console did not overwrite anything. Check who changed it; "Rotate now" then applies fresh credentials on the latest version.`,
        requestId: readId,
        conflict: describeConflict(row, remote),
      },
    };
  }
  // A harmless change (its fields are listed below): take the remote's view of them, then re-apply.
  await db.connection.update({ where: { id: row.id }, data: { ...remoteColumns(remote), etag: remote.etag, driftDetectedAt: null } });
  const again = await patch(remote.etag);
  if (!again.ok) return { ok: false, error: again.error, needsAttention: again.error.code === "conflict" };
  await recordAuditEvent({
    actor,
    action: "connection.rotation_reapplied",
    targetType: "connection",
    targetId: row.remoteId,
    connectionId: row.id,
    sandboxName: row.sandboxName,
    outcome: "success",
    requestId: again.data.requestId,
    details: { ...options.details, changedElsewhere: visible.map((change) => change.field), staleEtag: row.etag, latestEtag: remote.etag, readRequestId: readId },
  });
  return { ok: true, rotated: again.data, requestIds: [first.error.requestId ?? "", readId, again.data.requestId].filter(Boolean), reapplied: true };
}
