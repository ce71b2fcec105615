// Writing a run: the run, its items and one queued job per item, in one transaction, so a run the
// user (or a policy) was told about is a run the workers will carry out, whatever happens next.
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueManyInTransaction, QUEUES } from "@/lib/jobs";
import type { RunMode } from "./schemas";
import type { Candidate } from "./select";

export type NewRun = {
  sandboxName: string;
  mode: RunMode;
  trigger: "bulk" | "automatic";
  selection: Prisma.InputJsonValue;
  items: Candidate[];
  actor: AuditActor;
  sealedCredentials?: string | null;
};

/**
 * A thousand items per statement, each batch one jsonb parameter: bound one by one, a batch's 5,000
 * values cost Prisma more than the database's work (the same reason as the sync's imports).
 */
async function insertItems(tx: Prisma.TransactionClient, runId: string, items: (Candidate & { itemId: string; jobId: string })[]): Promise<void> {
  for (let start = 0; start < items.length; start += 1_000) {
    const batch = items.slice(start, start + 1_000).map((item) => ({ id: item.itemId, connectionId: item.id, remoteId: item.remoteId, name: item.name, jobId: item.jobId }));
    await tx.$executeRaw`
      INSERT INTO "RotationRunItem" ("id", "runId", "connectionId", "remoteId", "name", "status", "jobId")
      SELECT i."id", ${runId}::uuid, i."connectionId", i."remoteId", i."name", 'waiting', i."jobId"
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS i("id" uuid, "connectionId" uuid, "remoteId" text, "name" text, "jobId" uuid)`;
  }
}

/** Pass a transaction to make the run part of a larger change (the planner marks what it planned). */
export async function createRun(run: NewRun, client?: Prisma.TransactionClient): Promise<string> {
  const runId = randomUUID();
  const items = run.items.map((candidate) => ({ ...candidate, itemId: randomUUID(), jobId: randomUUID() }));
  const write = async (tx: Prisma.TransactionClient) => {
    await tx.rotationRun.create({
      data: { id: runId, sandboxName: run.sandboxName, mode: run.mode, trigger: run.trigger, selection: run.selection, total: items.length, createdById: run.actor.id ?? null, createdByEmail: run.actor.email, sealedCredentials: run.sealedCredentials ?? null },
    });
    await insertItems(tx, runId, items);
    await enqueueManyInTransaction(tx, QUEUES.rotateConnection, items.map((item) => ({ id: item.jobId, payload: { v: 1 as const, runId, itemId: item.itemId } })));
    await recordAuditEvent({ actor: run.actor, action: "rotation_run.start", targetType: "run", targetId: runId, sandboxName: run.sandboxName, outcome: "success", details: { runId, mode: run.mode, trigger: run.trigger, total: items.length, selection: run.selection } }, tx);
  };
  if (client) await write(client);
  else await db.$transaction(write);
  return runId;
}
