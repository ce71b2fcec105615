// An inventory view's filter and order as SQL: the one definition of what a view shows, read by the
// inventory's page (one statement, lib/connections/inventory.ts) and by a run started from that view
// (lib/runs/select.ts). The filter reads `"Connection" c` alone, so that the view's count stays in
// the sandbox's index; the order may read the page's dataflow figures (WITH_DATAFLOWS).
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InventoryQuery } from "./inventory-query";

/** The inventory's rows with their dataflow figures (`d`: none before a sync counted them). */
export const WITH_DATAFLOWS = Prisma.sql`"Connection" c LEFT JOIN "ConnectionDataflows" d ON d."connectionId" = c."id"`;

/** The text as a LIKE pattern that matches it literally (a search for "50%" is not a wildcard). */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

const DAY_MS = 86_400_000;

/** The rows of `sandboxName` that `query`'s filters keep, as a WHERE condition on `"Connection" c`. */
export function inventoryFilter(sandboxName: string, query: InventoryQuery, now = new Date()): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`c."sandboxName" = ${sandboxName}`];
  if (query.q) {
    const anywhere = `%${literal(query.q)}%`;
    // Remote ids are lowercase uuids: a pasted id matches whatever its case.
    and.push(Prisma.sql`(c."name" ILIKE ${anywhere} OR c."bucketName" ILIKE ${anywhere} OR c."remoteId" LIKE ${`${literal(query.q.toLowerCase())}%`})`);
  }
  if (query.platform) and.push(Prisma.sql`c."platform" = ${query.platform}::"Platform"`);
  if (query.auth) and.push(Prisma.sql`c."authSpecName" = ${query.auth}`);
  if (query.state === "missing") and.push(Prisma.sql`c."remoteMissingSince" IS NOT NULL`);
  else if (query.state) and.push(Prisma.sql`c."remoteState" = ${query.state} AND c."remoteMissingSince" IS NULL`);
  const horizon = new Date(now.getTime() + query.days * DAY_MS);
  if (query.token === "expired") and.push(Prisma.sql`c."sessionTokenExpiresAt" <= ${now}::timestamp(3)`);
  if (query.token === "expiring") and.push(Prisma.sql`c."sessionTokenExpiresAt" > ${now}::timestamp(3) AND c."sessionTokenExpiresAt" <= ${horizon}::timestamp(3)`);
  if (query.token === "attention") and.push(Prisma.sql`c."sessionTokenExpiresAt" <= ${horizon}::timestamp(3)`);
  if (query.drift) and.push(Prisma.sql`c."driftDetectedAt" IS NOT NULL`);
  if (query.dataflows === "failing") and.push(Prisma.sql`EXISTS (SELECT 1 FROM "ConnectionDataflows" f WHERE f."connectionId" = c."id" AND f."failing" > 0)`);
  return Prisma.join(and, " AND ");
}

// Columns every row has sort as they are; the others put empty values last either way.
const REQUIRED_COLUMNS: ReadonlySet<string> = new Set(["name", "platform", "authSpecName"]);

/** The view's ORDER BY list over WITH_DATAFLOWS, ending with the id so that pages stay stable on ties. */
export function inventoryOrder(query: InventoryQuery): Prisma.Sql {
  const dir = Prisma.raw(query.dir === "desc" ? "DESC" : "ASC");
  // Dataflows sort by failing flows, then by flows (figures from the last sync, lib/dataflows);
  // a connection no sync has counted yet has none, and sorts as PostgreSQL puts nulls.
  if (query.sort === "dataflows") return Prisma.sql`d."failing" ${dir}, d."total" ${dir}, c."id" ASC`;
  // "Synced" is the time a sync last saw the row (lib/connections/last-seen.ts): the rows the last
  // complete sync listed share its time and sort after those seen later (created since, own stamp
  // newer) and before the missing ones, which went missing in the order they were last seen.
  if (query.sort === "lastSyncedAt") {
    const missingLast = Prisma.raw(query.dir === "desc" ? "DESC NULLS FIRST" : "ASC NULLS LAST");
    return Prisma.sql`c."remoteMissingSince" ${missingLast}, c."lastSyncedAt" ${dir} NULLS LAST, c."id" ASC`;
  }
  const column = Prisma.raw(`c."${query.sort}"`);
  if (REQUIRED_COLUMNS.has(query.sort)) return Prisma.sql`${column} ${dir}, c."id" ASC`;
  return Prisma.sql`${column} ${dir} NULLS LAST, c."id" ASC`;
}
