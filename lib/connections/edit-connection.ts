// Renaming or re-describing a connection: one JSON Patch with If-Match = the stored etag (or, after
// a conflict the user has looked at, the etag they chose). A 412 never overwrites anything: the
// stored row stays as it was, the conflict is audited and the user is told to reload.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isFlowServiceError, isFlowServiceErrorOfKind } from "@/lib/flow-service/errors";
import { flowService } from "@/lib/flow-service/server";
import type { JsonPatchOp } from "@/lib/flow-service/types";
import type { EditConnection } from "./edit-schema";
import { flowServiceFailure } from "./errors";
import { findStoredConnection } from "./inventory";
import { staleEtagFailure } from "./stale-etag";

export type EditedConnection = { remoteId: string; etag: string; name: string; description: string | null; changed: boolean };

/** Only the fields that changed, so an unchanged description is never rewritten. */
export function editOps(stored: { name: string; description: string | null }, next: EditConnection): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (next.name !== stored.name) ops.push({ op: "replace", path: "/name", value: next.name });
  const description = next.description || null;
  if (description !== stored.description) {
    if (description === null) ops.push({ op: "remove", path: "/description" });
    // RFC 6902 "replace" needs the member to exist; Adobe's update guide "add"s a description.
    else ops.push({ op: stored.description === null ? "add" : "replace", path: "/description", value: description });
  }
  return ops;
}

export async function editConnection(
  sandboxName: string,
  remoteId: string,
  input: EditConnection,
  actor: AuditActor,
  options: { expectedEtag?: string } = {},
): Promise<ActionResult<EditedConnection>> {
  const row = await findStoredConnection(sandboxName, remoteId);
  if (!row) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  const ops = editOps(row, input);
  if (ops.length === 0) return ok({ remoteId, etag: row.etag, name: row.name, description: row.description, changed: false });

  if (input.name !== row.name) {
    // Names stay unique in a sandbox: creation relies on it to recognise its own connections.
    const clash = await db.connection.findFirst({ where: { sandboxName, name: input.name, remoteMissingSince: null, id: { not: row.id } }, select: { id: true } });
    if (clash) return fail("validation", "A connection with this name already exists in the sandbox.", { fields: { name: "Choose a name no other connection in this sandbox uses." } });
  }

  const description = input.description || null;
  const audit = {
    actor,
    action: "connection.edit",
    targetType: "connection" as const,
    targetId: remoteId,
    connectionId: row.id,
    sandboxName,
    details: { before: { name: row.name }, after: { name: input.name }, fields: ops.map((op) => op.path.slice(1)) },
  };
  try {
    const result = await flowService().patchConnection(remoteId, options.expectedEtag ?? row.etag, ops, { sandbox: sandboxName });
    // Flow Service accepted our If-Match, so the etag it returned is the newest one: store it
    // whatever another writer did to the row meanwhile, and clear drift (we now match remote).
    await db.$transaction(async (tx) => {
      await tx.connection.update({ where: { id: row.id }, data: { etag: result.etag, remoteEtag: result.etag, driftDetectedAt: null, name: input.name, description } });
      await recordAuditEvent({ ...audit, outcome: "success", requestId: result.requestId }, tx);
    });
    return ok({ remoteId, etag: result.etag, name: input.name, description, changed: true });
  } catch (error) {
    if (isFlowServiceErrorOfKind(error, "precondition_failed")) {
      await recordAuditEvent({ ...audit, outcome: "conflict", requestId: error.requestId });
      return staleEtagFailure(sandboxName, remoteId, row, error.requestId);
    }
    const requestId = isFlowServiceError(error) ? error.requestId : null;
    await recordAuditEvent({ ...audit, outcome: "failure", requestId, details: { ...audit.details, error: isFlowServiceError(error) ? error.kind : "internal" } }).catch(() => undefined);
    return flowServiceFailure(error, "Saving the connection");
  }
}
