// Reading the stored inventory of one sandbox: one indexed, paginated query plus one count,
// whatever the page shows (no per-row queries).
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InventoryQuery } from "./inventory-query";
import { lastCompleteSync, withLastSeen } from "./last-seen";

/** One stored connection of a sandbox, every column (null: not in this sandbox's inventory). */
export function findStoredConnection(sandboxName: string, remoteId: string) {
  return db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } } });
}

export type StoredConnection = Awaited<ReturnType<typeof findStoredConnection>>;

export function inventoryWhere(sandboxName: string, query: InventoryQuery, now = new Date()): Prisma.ConnectionWhereInput {
  const and: Prisma.ConnectionWhereInput[] = [{ sandboxName }];
  if (query.q) {
    and.push({
      OR: [
        { name: { contains: query.q, mode: "insensitive" } },
        { bucketName: { contains: query.q, mode: "insensitive" } },
        { remoteId: { startsWith: query.q.toLowerCase() } },
      ],
    });
  }
  if (query.platform) and.push({ platform: query.platform });
  if (query.auth) and.push({ authSpecName: query.auth });
  if (query.state === "missing") and.push({ remoteMissingSince: { not: null } });
  else if (query.state) and.push({ remoteState: query.state, remoteMissingSince: null });
  if (query.token === "expired") and.push({ sessionTokenExpiresAt: { lte: now } });
  if (query.token === "expiring") and.push({ sessionTokenExpiresAt: { gt: now, lte: new Date(now.getTime() + query.days * 86_400_000) } });
  if (query.token === "attention") and.push({ sessionTokenExpiresAt: { lte: new Date(now.getTime() + query.days * 86_400_000) } });
  if (query.drift) and.push({ driftDetectedAt: { not: null } });
  if (query.dataflows === "failing") and.push({ dataflowSummary: { is: { failing: { gt: 0 } } } });
  return { AND: and };
}

const REQUIRED_COLUMNS: ReadonlySet<string> = new Set(["name", "platform", "authSpecName"]);

function sortOrder(query: InventoryQuery): Prisma.ConnectionOrderByWithRelationInput[] {
  // Dataflows sort by failing flows, then by flows (figures from the last sync, lib/dataflows).
  if (query.sort === "dataflows") return [{ dataflowSummary: { failing: query.dir } }, { dataflowSummary: { total: query.dir } }];
  // "Synced" is the time a sync last saw the row (lib/connections/last-seen.ts): the rows the last
  // complete sync listed share its time and sort after those seen later (created since, own stamp
  // newer) and before the missing ones, which went missing in the order they were last seen.
  if (query.sort === "lastSyncedAt") {
    const present = query.dir === "desc" ? { sort: "desc" as const, nulls: "first" as const } : { sort: "asc" as const, nulls: "last" as const };
    return [{ remoteMissingSince: present }, { lastSyncedAt: { sort: query.dir, nulls: "last" } }];
  }
  // Empty values sort last either way; Prisma accepts `nulls` only on optional columns.
  const order = REQUIRED_COLUMNS.has(query.sort) ? query.dir : { sort: query.dir, nulls: "last" as const };
  return [{ [query.sort]: order } as Prisma.ConnectionOrderByWithRelationInput];
}

export async function listInventory(sandboxName: string, query: InventoryQuery, now = new Date()) {
  const where = inventoryWhere(sandboxName, query, now);
  const orderBy: Prisma.ConnectionOrderByWithRelationInput[] = [
    ...sortOrder(query),
    { id: "asc" }, // stable pages when the sort column has ties
  ];
  const [rows, total, lastSync] = await Promise.all([
    db.connection.findMany({ where, orderBy, skip: (query.page - 1) * query.size, take: query.size, include: { dataflowSummary: { select: { total: true, failing: true } } } }),
    db.connection.count({ where }),
    lastCompleteSync(sandboxName),
  ]);
  return { rows: rows.map((row) => withLastSeen(row, lastSync)), total, pages: Math.max(1, Math.ceil(total / query.size)), lastSync };
}

export async function listStoredConnections(sandboxName: string, take = 100) {
  return db.connection.findMany({ where: { sandboxName }, orderBy: { name: "asc" }, take });
}

/** Connections whose session token has expired or expires within `days` (the sidebar badge). */
export async function countTokensNeedingRotation(sandboxName: string, days = 7, now = new Date()): Promise<number> {
  return db.connection.count({ where: { sandboxName, remoteMissingSince: null, sessionTokenExpiresAt: { lte: new Date(now.getTime() + days * 86_400_000) } } });
}
