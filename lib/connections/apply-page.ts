// One listed page of a sync, applied to the stored inventory. A page usually reads its stored rows
// first and then writes what changed and inserts what is new. A page whose read found no stored row
// at all (the first sync of a sandbox, or a run of connections created outside the console) makes
// the next page insert first: the INSERT skips the rows already stored and says which it wrote, and
// only the others are read. A first sync of 10,000 connections so makes one read instead of 100,
// and those reads were its costliest statements: right after an import PostgreSQL's statistics
// still say the sandbox is empty, and it may read the sandbox's new rows through another index and
// filter them, so each page's read grew with the rows the sync had already written
// (bench/README.md, "Changed, and what it moved"). A page that met stored rows goes back to reading
// first, so a sync of an inventory that is mostly stored never sends rows it does not need to.
import "server-only";
import { db, directQuery } from "@/lib/db";
import type { RemoteConnection } from "@/lib/flow-service/types";
import { Prisma } from "@/lib/generated/prisma/client";
import { credentialFingerprint } from "./credential-fingerprint";
import { insertInventoryRows, type NewInventoryRow } from "./insert-rows";
import { remoteColumns } from "./remote-record";
import type { SyncReport } from "./sync";

/** How a page meets its stored rows: read them first, or insert first and read the rest. */
export type PageStrategy = "read-first" | "insert-first";

export type PageTimes = {
  /** Written as each new or changed row's lastSyncedAt: the sync's start. */
  stamp: Date;
  /** When the page was requested: a row the console wrote after it is newer than the page. */
  fetchedAt: Date;
};

const COMPARED = ["name", "description", "platform", "authSpecName", "bucketName", "folderPath", "serviceUrl", "remoteState", "remoteEtag"] as const;

// The enum column is read as text, as the remote side's platform is compared as one.
const STORED_COMPARED = Prisma.raw(COMPARED.map((column) => (column === "platform" ? `"platform"::text AS "platform"` : `"${column}"`)).join(", "));

type StoredView = { id: string; remoteId: string; etag: string; updatedAt: Date; driftDetectedAt: Date | null; remoteMissingSince: Date | null; credentialFingerprint: string | null } & Record<(typeof COMPARED)[number], string | null>;

function newRow(sandboxName: string, connection: RemoteConnection, stamp: Date): NewInventoryRow {
  return { sandboxName, remoteId: connection.id, etag: connection.etag, lastSyncedAt: stamp, credentialFingerprint: credentialFingerprint(connection), ...remoteColumns(connection) };
}

/**
 * The stored rows of a page's remote ids, the columns the comparison needs. Sent with directQuery
 * rather than Prisma's findMany: a sync of an inventory already stored (what the background sync
 * repeats every few minutes) is one of these reads a page and nothing else when nothing changed.
 * In-process on PostgreSQL 15, the 100 pages of such a sync of 10,000 took 400–490 ms through
 * findMany and 200–230 ms this way (310–370 and 100–120 ms once the sandbox had been analysed):
 * the difference was the client's, on the server's one thread (bench/README.md, *Changed, and what
 * it moved*).
 */
async function readStoredRows(sandboxName: string, remoteIds: string[]): Promise<StoredView[]> {
  const { rows } = await directQuery<StoredView>(Prisma.sql`
    SELECT "id", "remoteId", "etag", "updatedAt", "driftDetectedAt", "remoteMissingSince", "credentialFingerprint", ${STORED_COMPARED}
    FROM "Connection" WHERE "sandboxName" = ${sandboxName} AND "remoteId" = ANY(${remoteIds}::text[])`);
  return rows;
}

/** Inserts the rows not stored yet; returns the remote ids it wrote (a row already stored is skipped). */
async function insertNew(rows: NewInventoryRow[], report: SyncReport): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const written = await db.$queryRaw<{ remoteId: string }[]>(insertInventoryRows(rows, new Date(), "skip"));
  report.imported += written.length;
  return new Set(written.map((row) => row.remoteId));
}

/**
 * Reads the stored rows of `remote`, writes those that changed, stamped with `stamp`, and inserts
 * the connections not stored; a row that did not change is left as it is. A row the console wrote
 * after `fetchedAt` (a rotation or an edit that landed while the page was in flight) is newer than
 * the page, so it is left too; the next sync compares it again. Returns how many stored rows it met.
 */
async function readThenWrite(sandboxName: string, remote: RemoteConnection[], { stamp, fetchedAt }: PageTimes, report: SyncReport): Promise<number> {
  const existing = await readStoredRows(sandboxName, remote.map((r) => r.id));
  const byRemoteId = new Map(existing.map((row) => [row.remoteId, row]));
  const inserts: NewInventoryRow[] = [];
  for (const connection of remote) {
    const row = byRemoteId.get(connection.id);
    if (!row) {
      inserts.push(newRow(sandboxName, connection, stamp));
      continue;
    }
    if (row.updatedAt > fetchedAt) continue;
    const columns = remoteColumns(connection);
    const drift = connection.etag !== row.etag;
    // Rows stored before fingerprints existed get theirs from the first sync that sees their etag.
    const fingerprintMissing = !drift && row.credentialFingerprint === null;
    const changed = COMPARED.some((column) => (columns[column] ?? null) !== (row[column] ?? null)) || row.remoteMissingSince !== null || drift !== (row.driftDetectedAt !== null) || fingerprintMissing;
    if (!changed) continue;
    const result = await db.connection.updateMany({
      // Conditional on the row as read: a write that lands in between wins over this older view.
      where: { id: row.id, etag: row.etag, updatedAt: row.updatedAt },
      // The credential view is the console's own only while Flow Service has the etag it stored.
      data: { ...columns, lastSyncedAt: stamp, remoteMissingSince: null, driftDetectedAt: drift ? (row.driftDetectedAt ?? stamp) : null, ...(drift ? {} : { credentialFingerprint: credentialFingerprint(connection) }) },
    });
    report.updated += result.count;
    if (drift && result.count && !row.driftDetectedAt) report.drifted += 1;
  }
  await insertNew(inserts, report);
  return existing.length;
}

/**
 * Applies one listed page (see the file's comment) the way `strategy` says, and returns the
 * strategy for the next page: insert first after a page that met no stored row, read first after
 * one that did. Either way a new connection is inserted once and a stored one compared as read.
 */
export async function applyRemotePage(sandboxName: string, remote: RemoteConnection[], times: PageTimes, report: SyncReport, strategy: PageStrategy = "read-first"): Promise<PageStrategy> {
  if (!remote.length) return strategy;
  if (strategy === "read-first") return (await readThenWrite(sandboxName, remote, times, report)) === 0 ? "insert-first" : "read-first";
  const written = await insertNew(remote.map((connection) => newRow(sandboxName, connection, times.stamp)), report);
  if (written.size === remote.length) return "insert-first";
  await readThenWrite(sandboxName, remote.filter((connection) => !written.has(connection.id)), times, report);
  return "read-first";
}
