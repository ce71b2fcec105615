// When a sync last saw a connection. A sync used to stamp every row it listed, so a sync that
// found nothing new still rewrote the whole inventory (10,000 row versions and about 11 MB of WAL
// per sandbox every SYNC_INTERVAL_SECONDS). Now a sync writes only the rows it changes, and one
// SandboxSync row says when the last complete sync started: every connection created before that
// and not marked missing was listed by it, so the time it was last seen follows from the two.
import "server-only";
import { db } from "@/lib/db";

export type CompleteSync = { startedAt: Date; finishedAt: Date };

type SeenColumns = { lastSyncedAt: Date | null; createdAt: Date; remoteMissingSince: Date | null };

/** The sandbox's last sync that listed every page (null before the first). */
export async function lastCompleteSync(sandboxName: string): Promise<CompleteSync | null> {
  return db.sandboxSync.findUnique({ where: { sandboxName }, select: { startedAt: true, finishedAt: true } });
}

/**
 * Records a complete sync unless a later one is already recorded: the queue runs one sync of a
 * sandbox at a time, but a job retried after its instance stalled (not died) can overlap the
 * retry, and the one that started first must not set the time back when it ends last.
 */
export async function recordCompleteSync(sandboxName: string, sync: CompleteSync): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "SandboxSync" ("sandboxName", "startedAt", "finishedAt")
    VALUES (${sandboxName}, ${sync.startedAt}::timestamp(3), ${sync.finishedAt}::timestamp(3))
    ON CONFLICT ("sandboxName") DO UPDATE SET "startedAt" = EXCLUDED."startedAt", "finishedAt" = EXCLUDED."finishedAt"
    WHERE "SandboxSync"."startedAt" < EXCLUDED."startedAt"`;
}

/**
 * The row's own stamp (when a sync last wrote it) or, when the last complete sync must have listed
 * it, that sync's start, whichever is later. A row created after that sync started, or marked
 * missing, was not listed by it: its own stamp is the answer.
 */
export function lastSeenAt(row: SeenColumns, sync: CompleteSync | null): Date | null {
  if (!sync || row.remoteMissingSince !== null || row.createdAt >= sync.startedAt) return row.lastSyncedAt;
  return row.lastSyncedAt && row.lastSyncedAt > sync.startedAt ? row.lastSyncedAt : sync.startedAt;
}

/** The row with `lastSyncedAt` read as the time a sync last saw it. */
export function withLastSeen<T extends SeenColumns>(row: T, sync: CompleteSync | null): T {
  return { ...row, lastSyncedAt: lastSeenAt(row, sync) };
}
