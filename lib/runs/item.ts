// A run item with its run, as the workers read it.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type RunItem = Prisma.RotationRunItemGetPayload<{ include: { run: true } }>;

export function loadItem(itemId: string): Promise<RunItem | null> {
  return db.rotationRunItem.findUnique({ where: { id: itemId }, include: { run: true } });
}

/** What a job needs to take its locks: the item's run, state, connection and sandbox, in one read. */
export type LockTarget = { runId: string; status: string; connectionKey: string; sandboxName: string };

export async function loadLockTarget(itemId: string): Promise<LockTarget | null> {
  const rows = await db.$queryRaw<LockTarget[]>`
    SELECT i."runId"::text AS "runId", i."status", COALESCE(i."connectionId"::text, i."remoteId") AS "connectionKey", r."sandboxName"
    FROM "RotationRunItem" i JOIN "RotationRun" r ON r."id" = i."runId"
    WHERE i."id" = ${itemId}::uuid`;
  return rows[0] ?? null;
}

/**
 * Marks an attempt started. A token attempt passes the etag it will PATCH from, so one statement
 * both starts it and arms the check a retry makes after a crash (confirm-patch.ts); an STS attempt
 * records it later, in its "set" step.
 */
export async function startAttempt(itemId: string, patch?: { patchedFrom: string; patchedExpiry: Date | null }): Promise<void> {
  await db.rotationRunItem.update({
    where: { id: itemId },
    data: { status: "running", attempts: { increment: 1 }, startedAt: new Date(), patchedFrom: patch?.patchedFrom ?? null, patchedExpiry: patch?.patchedExpiry ?? null },
  });
}

export function runActor(item: RunItem) {
  return { id: item.run.createdById, email: item.run.createdByEmail };
}
