// Session-token rotation: one JSON Patch with If-Match = the stored etag. A stale etag (412) never
// overwrites anything: the caller gets what changed and the fresh etag, and may retry against it
// explicitly (expectedEtag). The new token goes to Flow Service only.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, recordConnectionChange, type AuditActor, type AuditInput } from "@/lib/audit/record";
import { isFlowServiceErrorOfKind } from "@/lib/flow-service/errors";
import { flowService } from "@/lib/flow-service/server";
import type { JsonPatchOp } from "@/lib/flow-service/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordRotation, type RotationTrigger } from "@/lib/metrics";
import { describeConflict } from "./conflict";
import { findStoredConnection } from "./inventory";
import { flowServiceFailure } from "./errors";
import type { RotationTarget } from "./rotation-target";
import { parseTokenExpiry, type RotateToken } from "./schemas";

/** previousEtag is the If-Match this rotation won with: one winner per etag, whatever the race. */
export type Rotated = { remoteId: string; etag: string; previousEtag: string; sessionTokenExpiresAt: string | null; requestId: string };

export type Credentials = { s3SessionToken: string; s3AccessKey?: string; s3SecretKey?: string; expiresAt?: Date };

export function rotationOps(credentials: Credentials): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [{ op: "replace", path: "/auth/params/s3SessionToken", value: credentials.s3SessionToken }];
  if (credentials.s3AccessKey && credentials.s3SecretKey) {
    ops.push({ op: "replace", path: "/auth/params/s3AccessKey", value: credentials.s3AccessKey }, { op: "replace", path: "/auth/params/s3SecretKey", value: credentials.s3SecretKey });
  }
  return ops;
}

export async function rotateSessionToken(
  sandboxName: string,
  remoteId: string,
  input: RotateToken,
  actor: AuditActor,
  options: { expectedEtag?: string; action?: string; trigger?: RotationTrigger; stored?: RotationTarget | null } = {},
): Promise<ActionResult<Rotated>> {
  return patchCredentials(
    sandboxName,
    remoteId,
    { s3SessionToken: input.s3SessionToken, s3AccessKey: input.s3AccessKey || undefined, s3SecretKey: input.s3SecretKey || undefined, expiresAt: parseTokenExpiry(input.sessionTokenExpiresAt) },
    actor,
    { expectedEtag: options.expectedEtag, action: options.action ?? "connection.rotate_token", trigger: options.trigger, stored: options.stored },
  );
}

export type PatchOptions = {
  expectedEtag?: string;
  /** The connection's row (null: none), when the caller has read it already (the rotate action reads it with its session check). */
  stored?: RotationTarget | null;
  action: string;
  details?: Record<string, unknown>;
  /** What started the rotation, for metrics (a person on one connection by default). */
  trigger?: RotationTrigger;
  /** Called with the If-Match etag just before the PATCH is sent (a run records it to recognise its own write after a crash). */
  beforePatch?: (etag: string, expiresAt: Date | undefined) => Promise<void>;
  /** One more write (an `UPDATE`) to commit with the stored result and its audit event, in their statement. */
  alongside?: (rotated: Rotated) => Prisma.Sql;
  /** Wraps each call to Flow Service (a run holds its sandbox slot only for those). */
  aroundCall?: <R>(call: () => Promise<R>) => Promise<R>;
};

type StoredRotation = { etag: string; expiresAt: Date | null; at: Date };

/**
 * The won rotation on its inventory row, with its audit event and the caller's `alongside` write,
 * in one statement (recordConnectionChange); updatedAt too, as Prisma would set it. If the row was
 * removed while the PATCH was in flight, the rotation still happened: the event is written anyway.
 */
async function storeRotation(rowId: string, stored: StoredRotation, event: Omit<AuditInput, "connectionId">, alongside?: Prisma.Sql): Promise<void> {
  const change = Prisma.sql`UPDATE "Connection" SET "etag" = ${stored.etag}, "remoteEtag" = ${stored.etag}, "driftDetectedAt" = NULL, "sessionTokenSetAt" = ${stored.at}, "sessionTokenExpiresAt" = ${stored.expiresAt}, "lastRotatedAt" = ${stored.at}, "updatedAt" = ${stored.at} WHERE "id" = ${rowId}::uuid RETURNING "id"`;
  await recordConnectionChange(change, event, alongside);
}

export async function patchCredentials(sandboxName: string, remoteId: string, credentials: Credentials, actor: AuditActor, options: PatchOptions): Promise<ActionResult<Rotated>> {
  const trigger = options.trigger ?? "manual";
  const call = options.aroundCall ?? (<R>(request: () => Promise<R>) => request());
  const row = options.stored !== undefined ? options.stored : await findStoredConnection(sandboxName, remoteId);
  if (!row) {
    recordRotation("rejected", trigger);
    return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  }
  if (row.platform === "aws") {
    recordRotation("rejected", trigger);
    return fail("validation", "Connections of AEP on AWS use an IAM role: they have no session token to rotate.");
  }
  const etag = options.expectedEtag ?? row.etag;
  const audit = {
    actor,
    action: options.action,
    targetType: "connection" as const,
    targetId: remoteId,
    connectionId: row.id,
    sandboxName,
    details: { name: row.name, fields: rotationOps(credentials).map((op) => op.path.split("/").pop()), expiresAt: credentials.expiresAt?.toISOString() ?? null, ...options.details },
  };
  try {
    await options.beforePatch?.(etag, credentials.expiresAt);
    const result = await call(() => flowService().patchConnection(remoteId, etag, rotationOps(credentials), { sandbox: sandboxName }));
    const rotated: Rotated = { remoteId, etag: result.etag, previousEtag: etag, sessionTokenExpiresAt: credentials.expiresAt?.toISOString() ?? null, requestId: result.requestId };
    const stored = { etag: result.etag, expiresAt: credentials.expiresAt ?? null, at: new Date() };
    const event = { ...audit, outcome: "success" as const, requestId: result.requestId };
    // Unconditional on the row we read: if another writer moved it meanwhile, our PATCH still won
    // (Flow Service accepted our If-Match), so its etag is the newest.
    await storeRotation(row.id, stored, event, options.alongside?.(rotated));
    recordRotation("success", trigger);
    return ok(rotated);
  } catch (error) {
    if (isFlowServiceErrorOfKind(error, "precondition_failed")) {
      const remote = await call(() => flowService().getConnection(remoteId, { sandbox: sandboxName })).catch(() => null);
      await recordAuditEvent({ ...audit, outcome: "conflict", requestId: error.requestId });
      recordRotation("conflict", trigger);
      const conflict = remote ? describeConflict(row, remote.connection) : undefined;
      return fail("conflict", "This connection changed in Flow Service since the console stored it, so the token was not applied.", { requestId: error.requestId, conflict });
    }
    recordRotation("failure", trigger);
    await recordAuditEvent({ ...audit, outcome: "failure", requestId: (error as { requestId?: string }).requestId ?? null }).catch(() => undefined);
    return flowServiceFailure(error, "Rotating the session token");
  }
}
