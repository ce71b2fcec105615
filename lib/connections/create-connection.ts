// Creating a connection: the wizard's last step. Guarantees that one submission makes at most one
// connection in Flow Service, whatever the user double-clicks or the network drops:
//  1. the submission id is claimed in the database (a second request with it waits or replays);
//  2. the name must be free in the sandbox, in the inventory and in Flow Service (the Flow Service
//     client relies on that to recognise, after an ambiguous failure, the connection its own POST
//     created);
//  3. only then is the POST sent; its result is stored with an audit event, in one statement.
import "server-only";
import { randomUUID } from "node:crypto";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, recordConnectionChange, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isFlowServiceError } from "@/lib/flow-service/errors";
import { flowService } from "@/lib/flow-service/server";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateConnectionInput } from "@/lib/flow-service/types";
import { flowServiceFailure } from "./errors";
import { credentialFingerprint } from "./credential-fingerprint";
import { insertInventoryRows, type NewInventoryRow } from "./insert-rows";
import { IAM_SPEC_NAME, remoteColumns } from "./remote-record";
import { parseTokenExpiry, type NewConnection } from "./schemas";

export type CreatedConnection = { id: string; remoteId: string; etag: string; name: string; replayed: boolean };

const CLAIM_WAIT_MS = 20_000;
const STALE_CLAIM_MS = 2 * 60_000;

function toFlowServiceInput(input: NewConnection): CreateConnectionInput {
  const location = { bucketName: input.bucketName, ...(input.folderPath ? { folderPath: input.folderPath } : {}) };
  if (input.platform === "aws") {
    return { name: input.name, description: input.description || undefined, auth: { specName: IAM_SPEC_NAME, params: location } };
  }
  return {
    name: input.name,
    description: input.description || undefined,
    auth: {
      specName: "Access Key",
      params: {
        s3AccessKey: input.s3AccessKey,
        s3SecretKey: input.s3SecretKey,
        ...(input.s3SessionToken ? { s3SessionToken: input.s3SessionToken } : {}),
        ...(input.serviceUrl ? { serviceUrl: input.serviceUrl } : {}),
        ...location,
      },
    },
  };
}

async function storedResult(sandboxName: string, remoteId: string): Promise<ActionResult<CreatedConnection>> {
  const row = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } } });
  if (!row) return fail("internal", "The connection was created but is not in the inventory yet; run a sync.");
  return ok({ id: row.id, remoteId, etag: row.etag, name: row.name, replayed: true });
}

/** Claims the submission, or reports what became of an earlier request with the same id. */
async function claim(submissionId: string, sandboxName: string): Promise<"claimed" | ActionResult<CreatedConnection>> {
  const deadline = Date.now() + CLAIM_WAIT_MS;
  for (;;) {
    const inserted = await db.$executeRaw`
      INSERT INTO "ConnectionCreation" ("submissionId", "sandboxName", "status", "startedAt")
      VALUES (${submissionId}::uuid, ${sandboxName}, 'pending', now())
      ON CONFLICT ("submissionId") DO NOTHING`;
    if (inserted === 1) return "claimed";
    const row = await db.connectionCreation.findUnique({ where: { submissionId } });
    if (!row) continue; // the other attempt failed and released it: try again
    if (row.status === "done" && row.remoteId) return storedResult(row.sandboxName, row.remoteId);
    const stale = Date.now() - row.startedAt.getTime() > STALE_CLAIM_MS;
    if (row.status === "unknown" || stale) {
      // Take over an attempt whose outcome was never confirmed: the name check below finds a
      // connection it may have created.
      const taken = await db.connectionCreation.updateMany({ where: { submissionId, status: row.status, startedAt: row.startedAt }, data: { status: "pending", startedAt: new Date() } });
      if (taken.count === 1) return "claimed";
      continue;
    }
    if (Date.now() > deadline) return fail("in_progress", "This connection is still being created by an earlier click. Check the inventory in a moment.");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function createConnection(input: NewConnection, actor: AuditActor, sandboxName: string): Promise<ActionResult<CreatedConnection>> {
  const claimed = await claim(input.submissionId, sandboxName);
  if (claimed !== "claimed") return claimed;

  const client = flowService();
  let createdRemoteId: string | undefined;
  const audit = { actor, action: "connection.create", targetType: "connection" as const, sandboxName };
  try {
    // Both reads at once: a local clash makes the remote answer moot, and is rare.
    const [clash, remoteClash] = await Promise.all([
      db.connection.findFirst({ where: { sandboxName, name: input.name, remoteMissingSince: null }, select: { id: true } }),
      client.findConnectionsByName(input.name, { sandbox: sandboxName }),
    ]);
    if (clash || remoteClash.connections.length > 0) {
      await db.connectionCreation.delete({ where: { submissionId: input.submissionId } });
      return fail("validation", "A connection with this name already exists in the sandbox.", { fields: { name: "Choose a name no other connection in this sandbox uses." } });
    }

    const created = await client.createConnection(toFlowServiceInput(input), { sandbox: sandboxName });
    createdRemoteId = created.id;
    // Read it back for the fields Flow Service sets (state, times); the create already succeeded,
    // so a failed read only leaves those empty until the next sync.
    const remote = await client.getConnection(created.id, { sandbox: sandboxName }).catch(() => null);
    const now = new Date();
    const row = {
      id: randomUUID(),
      sandboxName,
      remoteId: created.id,
      etag: created.etag,
      lastSyncedAt: remote ? now : null,
      ...(remote
        ? remoteColumns(remote.connection)
        : { name: input.name, description: input.description || null, platform: input.platform, authSpecName: input.platform === "aws" ? IAM_SPEC_NAME : "Access Key", bucketName: input.bucketName, folderPath: input.folderPath || null, serviceUrl: null, remoteState: null, remoteCreatedAt: null, remoteUpdatedAt: null }),
      remoteEtag: created.etag,
      // What the console just wrote, as Flow Service shows it (when the read-back is that version).
      credentialFingerprint: remote && remote.connection.etag === created.etag ? credentialFingerprint(remote.connection) : null,
      ...(input.platform === "azure" && input.s3SessionToken
        ? { sessionTokenSetAt: now, sessionTokenExpiresAt: parseTokenExpiry(input.sessionTokenExpiresAt) ?? null }
        : {}),
    } satisfies NewInventoryRow;
    // The inventory row, the submission's outcome and the audit event exist together or not at all.
    await recordConnectionChange(
      insertInventoryRows([row], now, "fail"),
      {
        ...audit,
        targetId: created.id,
        outcome: "success",
        requestId: created.requestId,
        details: { name: row.name, platform: row.platform, bucketName: row.bucketName, folderPath: row.folderPath, adoptedAfterAmbiguousFailure: created.adopted ?? false },
      },
      Prisma.sql`UPDATE "ConnectionCreation" SET "status" = 'done', "remoteId" = ${created.id}, "finishedAt" = ${now}::timestamp(3) WHERE "submissionId" = ${input.submissionId}::uuid`,
    );
    return ok({ id: row.id, remoteId: created.id, etag: created.etag, name: row.name, replayed: false });
  } catch (error) {
    if (createdRemoteId) {
      // Flow Service has the connection; only storing it failed. Remember the id so a retry of
      // this submission reports it instead of creating another, and let sync import it.
      await db.connectionCreation.update({ where: { submissionId: input.submissionId }, data: { status: "done", remoteId: createdRemoteId, finishedAt: new Date() } }).catch(() => undefined);
      return fail("internal", `The connection was created in Flow Service (id ${createdRemoteId}) but the console could not store it. The next sync will add it to the inventory.`);
    }
    const unknownOutcome = isFlowServiceError(error) && error.outcomeUnknown;
    if (unknownOutcome) {
      await db.connectionCreation.update({ where: { submissionId: input.submissionId }, data: { status: "unknown" } }).catch(() => undefined);
    } else {
      await db.connectionCreation.delete({ where: { submissionId: input.submissionId } }).catch(() => undefined);
    }
    await recordAuditEvent({
      ...audit,
      outcome: "failure",
      requestId: isFlowServiceError(error) ? error.requestId : null,
      details: { name: input.name, platform: input.platform, bucketName: input.bucketName, error: isFlowServiceError(error) ? error.kind : "internal" },
    }).catch(() => undefined);
    return flowServiceFailure(error, "Creating the connection");
  }
}
