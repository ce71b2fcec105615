// Deleting a connection: DELETE with If-Match = the stored etag, then the inventory row goes too.
// The user must have typed the exact name (checked here again, whatever the browser allowed).
// A connection already gone from Flow Service counts as deleted: the goal is reached either way.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isFlowServiceError, isFlowServiceErrorOfKind } from "@/lib/flow-service/errors";
import { flowService } from "@/lib/flow-service/server";
import { flowServiceFailure } from "./errors";
import { findStoredConnection } from "./inventory";
import { staleEtagFailure } from "./stale-etag";

export type DeletedConnection = { remoteId: string; name: string; alreadyDeleted: boolean };

export async function deleteConnection(
  sandboxName: string,
  remoteId: string,
  confirmName: string,
  actor: AuditActor,
  options: { expectedEtag?: string } = {},
): Promise<ActionResult<DeletedConnection>> {
  const row = await findStoredConnection(sandboxName, remoteId);
  if (!row) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  if (confirmName !== row.name) {
    return fail("validation", "The typed name does not match the connection's name.", { fields: { confirmName: "Type the connection's exact name to confirm." } });
  }

  // The row (and so connectionId) disappears with the deletion: the name and the Flow Service id
  // in targetId and details keep the event findable.
  const audit = {
    actor,
    action: "connection.delete",
    targetType: "connection" as const,
    targetId: remoteId,
    sandboxName,
    details: { name: row.name, remoteId, platform: row.platform, bucketName: row.bucketName, folderPath: row.folderPath },
  };
  let deleted: { requestId: string; alreadyDeleted: boolean };
  try {
    deleted = await flowService().deleteConnection(remoteId, options.expectedEtag ?? row.etag, { sandbox: sandboxName });
  } catch (error) {
    if (isFlowServiceErrorOfKind(error, "not_found")) {
      deleted = { requestId: error.requestId, alreadyDeleted: true };
    } else if (isFlowServiceErrorOfKind(error, "precondition_failed")) {
      await recordAuditEvent({ ...audit, connectionId: row.id, outcome: "conflict", requestId: error.requestId });
      return staleEtagFailure(sandboxName, remoteId, row, error.requestId);
    } else {
      const requestId = isFlowServiceError(error) ? error.requestId : null;
      await recordAuditEvent({ ...audit, connectionId: row.id, outcome: "failure", requestId, details: { ...audit.details, error: isFlowServiceError(error) ? error.kind : "internal" } }).catch(() => undefined);
      return flowServiceFailure(error, "Deleting the connection");
    }
  }

  const success = { ...audit, outcome: "success" as const, requestId: deleted.requestId, details: { ...audit.details, alreadyDeleted: deleted.alreadyDeleted } };
  try {
    await db.$transaction(async (tx) => {
      // deleteMany: a concurrent delete of the same row is not an error.
      await tx.connection.deleteMany({ where: { id: row.id } });
      await recordAuditEvent(success, tx);
    });
  } catch {
    // Flow Service no longer has it; only the inventory is behind. Say so rather than "failed",
    // and keep the audit event: the deletion did happen.
    await recordAuditEvent(success).catch(() => undefined);
    return fail("internal", `Flow Service deleted the connection (request ${deleted.requestId}), but the console could not remove it from the inventory. The next sync marks it missing.`, { requestId: deleted.requestId });
  }
  return ok({ remoteId, name: row.name, alreadyDeleted: deleted.alreadyDeleted });
}
