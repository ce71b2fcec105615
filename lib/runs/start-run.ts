// Starting a run: the run, its items and one queued job per item are written in one transaction,
// so a run the user was told about is a run the workers will carry out, whatever happens next.
import "server-only";
import { randomUUID } from "node:crypto";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueManyInTransaction, QUEUES } from "@/lib/jobs";
import { sealRunCredentials } from "./credentials";
import type { StartRun } from "./schemas";
import { selectConnections, type Candidate } from "./select";

export type StartedRun = { runId: string; total: number; excluded: { reason: string; count: number }[] };

function describeSelection(input: StartRun, excluded: StartedRun["excluded"]) {
  return input.selection.kind === "ids" ? { kind: "ids", count: input.selection.remoteIds.length, excluded } : { kind: "filter", query: input.selection.query, excluded };
}

async function insertItems(tx: Prisma.TransactionClient, runId: string, items: (Candidate & { itemId: string; jobId: string })[]): Promise<void> {
  for (let start = 0; start < items.length; start += 1_000) {
    const values = items.slice(start, start + 1_000).map((item) => Prisma.sql`(${item.itemId}::uuid, ${runId}::uuid, ${item.id}::uuid, ${item.remoteId}, ${item.name}, 'waiting', ${item.jobId}::uuid)`);
    await tx.$executeRaw`INSERT INTO "RotationRunItem" ("id", "runId", "connectionId", "remoteId", "name", "status", "jobId") VALUES ${Prisma.join(values)}`;
  }
}

export async function startRotationRun(sandboxName: string, input: StartRun, actor: AuditActor): Promise<ActionResult<StartedRun>> {
  const selected = await selectConnections(sandboxName, input.mode, input.selection);
  if (!selected.ok) return fail(selected.code, selected.message);
  const runId = randomUUID();
  const items = selected.eligible.map((candidate) => ({ ...candidate, itemId: randomUUID(), jobId: randomUUID() }));
  const selection = describeSelection(input, selected.excluded);
  await db.$transaction(async (tx) => {
    await tx.rotationRun.create({
      data: {
        id: runId,
        sandboxName,
        mode: input.mode,
        selection,
        total: items.length,
        createdById: actor.id ?? null,
        createdByEmail: actor.email,
        sealedCredentials: input.mode === "token" ? sealRunCredentials(input.credentials) : null,
      },
    });
    await insertItems(tx, runId, items);
    await enqueueManyInTransaction(
      tx,
      QUEUES.rotateConnection,
      items.map((item) => ({ id: item.jobId, payload: { v: 1 as const, runId, itemId: item.itemId } })),
    );
    await recordAuditEvent({ actor, action: "rotation_run.start", targetType: "run", targetId: runId, sandboxName, outcome: "success", details: { runId, mode: input.mode, total: items.length, selection } }, tx);
  });
  return ok({ runId, total: items.length, excluded: selected.excluded });
}
