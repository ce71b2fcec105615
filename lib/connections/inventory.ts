// Reading the stored inventory of one sandbox: one statement a page, the page's rows with the
// view's count, whatever the page shows (no per-row queries).
import "server-only";
import { db, directQuery } from "@/lib/db";
import { Prisma, type Connection, type ConnectionDataflows } from "@/lib/generated/prisma/client";
import { inventoryFilter, inventoryOrder, WITH_DATAFLOWS } from "./inventory-filter";
import type { InventoryQuery } from "./inventory-query";
import { withLastSeen, type CompleteSync } from "./last-seen";

/** One stored connection of a sandbox, every column (null: not in this sandbox's inventory). */
export function findStoredConnection(sandboxName: string, remoteId: string) {
  return db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } } });
}

export type StoredConnection = Awaited<ReturnType<typeof findStoredConnection>>;

/** One row of an inventory page: the columns the table shows (row.ts) and last-seen needs, and its dataflow figures. */
export type InventoryPageRow = Pick<Connection, (typeof PAGE_COLUMNS)[number]> & { dataflowSummary: Pick<ConnectionDataflows, "total" | "failing"> | null };

const PAGE_COLUMNS = ["remoteId", "name", "platform", "authSpecName", "bucketName", "folderPath", "remoteState", "remoteMissingSince", "driftDetectedAt", "sessionTokenExpiresAt", "sessionTokenSetAt", "lastRotatedAt", "lastSyncedAt", "createdAt", "rotationRoleArn"] as const;

// The enum column is read as text, which is what the Platform type is.
const PAGE_SELECT = Prisma.raw(PAGE_COLUMNS.map((column) => (column === "platform" ? `c."platform"::text AS "platform"` : `c."${column}"`)).join(", "));

type PageRead = Omit<InventoryPageRow, "dataflowSummary"> & {
  dataflowTotal: number | null;
  dataflowFailing: number | null;
  total: number;
  syncStartedAt: Date | null;
  syncFinishedAt: Date | null;
};

/** The count and the last complete sync, as the page's statement reads them (InitPlans: once each). */
function viewFigures(sandboxName: string, filter: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    (SELECT count(*)::int FROM "Connection" c WHERE ${filter}) AS "total",
    (SELECT "startedAt" FROM "SandboxSync" WHERE "sandboxName" = ${sandboxName}) AS "syncStartedAt",
    (SELECT "finishedAt" FROM "SandboxSync" WHERE "sandboxName" = ${sandboxName}) AS "syncFinishedAt"`;
}

function completeSync(read: Pick<PageRead, "syncStartedAt" | "syncFinishedAt">): CompleteSync | null {
  return read.syncStartedAt && read.syncFinishedAt ? { startedAt: read.syncStartedAt, finishedAt: read.syncFinishedAt } : null;
}

/**
 * A page of a view of the inventory, the view's count and the sandbox's last complete sync, in one
 * statement sent with directQuery: every visit to the inventory makes it. It was four through
 * Prisma (the rows, then their dataflow figures, beside the count and the last sync, on three pooled
 * connections). In alternating BENCH_ONLY=1 runs on the 2-core bench machine this read took 1.3–1.4
 * ms in-process at 10,000 connections against 2.3–2.8, and the page's p50 was 1.30–1.32× the
 * floor's against 1.43–1.45× (bench/README.md, *Changed, and what it moved*). The count reads the
 * table alone: beside the dataflow join, even one the planner removed, PostgreSQL 15 counted from
 * the table's pages rather than the sandbox's index (1.5 against 1.0 ms at 10,000). A page past the
 * last one has no row to carry the count, so it reads the count by itself.
 */
export async function listInventory(sandboxName: string, query: InventoryQuery, now = new Date()) {
  const filter = inventoryFilter(sandboxName, query, now);
  const { rows } = await directQuery<PageRead>(Prisma.sql`
    SELECT ${PAGE_SELECT}, d."total" AS "dataflowTotal", d."failing" AS "dataflowFailing",
      ${viewFigures(sandboxName, filter)}
    FROM ${WITH_DATAFLOWS} WHERE ${filter}
    ORDER BY ${inventoryOrder(query)}
    LIMIT ${query.size} OFFSET ${(query.page - 1) * query.size}`);
  const figures = rows[0] ?? (await directQuery<PageRead>(Prisma.sql`SELECT ${viewFigures(sandboxName, filter)}`)).rows[0]!;
  const lastSync = completeSync(figures);
  const page = rows.map(({ dataflowTotal, dataflowFailing, total: _total, syncStartedAt: _started, syncFinishedAt: _finished, ...row }): InventoryPageRow => ({
    ...row,
    dataflowSummary: dataflowTotal === null || dataflowFailing === null ? null : { total: dataflowTotal, failing: dataflowFailing },
  }));
  return { rows: page.map((row) => withLastSeen(row, lastSync)), total: figures.total, pages: Math.max(1, Math.ceil(figures.total / query.size)), lastSync };
}

export async function listStoredConnections(sandboxName: string, take = 100) {
  return db.connection.findMany({ where: { sandboxName }, orderBy: { name: "asc" }, take });
}

/** Connections whose session token has expired or expires within `days` (the sidebar badge). */
export async function countTokensNeedingRotation(sandboxName: string, days = 7, now = new Date()): Promise<number> {
  return db.connection.count({ where: { sandboxName, remoteMissingSince: null, sessionTokenExpiresAt: { lte: new Date(now.getTime() + days * 86_400_000) } } });
}
