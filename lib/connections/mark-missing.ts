// The end of a complete sync: every stored connection of the sandbox that the listing did not show
// was deleted outside the console. Marked, never dropped.
import "server-only";
import { db } from "@/lib/db";
import type { CompleteSync } from "./last-seen";

/**
 * Marks the rows of `sandboxName` whose remote id is not in `seen`, and returns how many. Rows
 * created since `started` were simply not listed yet. A sync writes only the rows it changes, so a
 * row's own stamp may be older than the last time it was listed: the row marked here gets the
 * time it was last seen (lib/connections/last-seen.ts) as its stamp, which it keeps from then on.
 * The listed ids travel as one array parameter (10,000 of them are about 400 KB; a `NOT IN` list
 * would take a bind parameter per id, and PostgreSQL stops at 65,535), joined as a set: `<> ALL`
 * over the array compares each row with every id wherever the plan does not hash the array (a
 * generic plan: 656 ms for 10,000 rows and ids on PostgreSQL 15, against 11-34 ms for the join).
 */
export async function markMissing(sandboxName: string, seen: string[], started: Date, previous: CompleteSync | null): Promise<number> {
  const now = new Date();
  const previousStart = previous?.startedAt ?? null;
  return db.$executeRaw`
    UPDATE "Connection" c
    SET "remoteMissingSince" = ${now}::timestamp(3),
        "lastSyncedAt" = CASE WHEN c."createdAt" < ${previousStart}::timestamp(3) THEN GREATEST(c."lastSyncedAt", ${previousStart}::timestamp(3)) ELSE c."lastSyncedAt" END,
        "updatedAt" = ${now}::timestamp(3)
    WHERE c."sandboxName" = ${sandboxName}
      AND c."remoteMissingSince" IS NULL
      AND c."createdAt" < ${started}::timestamp(3)
      AND NOT EXISTS (SELECT 1 FROM unnest(${seen}::text[]) AS listed("remoteId") WHERE listed."remoteId" = c."remoteId")`;
}
