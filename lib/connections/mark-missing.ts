// The end of a complete sync: every stored connection of the sandbox that the listing did not show
// was deleted outside the console. Marked, never dropped.
import "server-only";
import { db } from "@/lib/db";
import type { CompleteSync } from "./last-seen";

/**
 * The ids of the sandbox's rows that a complete listing did not show: rows not marked yet, created
 * before the sync started (a row created since was simply not listed yet). The difference is taken
 * here, against the listed ids in a Set, and not by PostgreSQL: whatever form the statement took,
 * its plan was only as good as the sandbox's statistics. `<> ALL` over the array compared each row
 * with every id under a generic plan (656 ms for 10,000 rows and ids on PostgreSQL 15); the set
 * join that replaced it went the same way whenever the sandbox had grown since its last ANALYZE
 * (a sandbox just imported into a larger inventory, too small a share of it for autovacuum to
 * analyse it again): estimated at one row, its rows became the outer side of a nested loop that
 * scanned the 10,000 ids once per row, 6.4 s for a sync that changed nothing (bench/README.md,
 * *Changed, and what it moved*). Reading the rows is an index scan whatever the estimate.
 */
async function unlistedRows(sandboxName: string, seen: string[], started: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string; remoteId: string }[]>`
    SELECT "id", "remoteId" FROM "Connection"
    WHERE "sandboxName" = ${sandboxName} AND "remoteMissingSince" IS NULL AND "createdAt" < ${started}::timestamp(3)`;
  const listed = new Set(seen);
  return rows.filter((row) => !listed.has(row.remoteId)).map((row) => row.id);
}

/**
 * Marks the rows of `sandboxName` whose remote id is not in `seen`, and returns how many. A sync
 * writes only the rows it changes, so a row's own stamp may be older than the last time it was
 * listed: the row marked here gets the time it was last seen (lib/connections/last-seen.ts) as its
 * stamp, which it keeps from then on. A sync that found every row writes nothing.
 */
export async function markMissing(sandboxName: string, seen: string[], started: Date, previous: CompleteSync | null): Promise<number> {
  const unlisted = await unlistedRows(sandboxName, seen, started);
  if (!unlisted.length) return 0;
  const now = new Date();
  const previousStart = previous?.startedAt ?? null;
  // The conditions are the read's again: a row marked by an overlapping retry of this sync between
  // the read and this write keeps its first mark.
  return db.$executeRaw`
    UPDATE "Connection" c
    SET "remoteMissingSince" = ${now}::timestamp(3),
        "lastSyncedAt" = CASE WHEN c."createdAt" < ${previousStart}::timestamp(3) THEN GREATEST(c."lastSyncedAt", ${previousStart}::timestamp(3)) ELSE c."lastSyncedAt" END,
        "updatedAt" = ${now}::timestamp(3)
    WHERE c."id" = ANY(${unlisted}::uuid[])
      AND c."sandboxName" = ${sandboxName}
      AND c."remoteMissingSince" IS NULL
      AND c."createdAt" < ${started}::timestamp(3)`;
}
