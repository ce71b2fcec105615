// Reconciles the stored inventory of a sandbox with Flow Service, page by page:
//  - connections created outside the console are imported;
//  - connections no longer listed are marked missing (never silently dropped);
//  - a listed connection that did not change is not written: the sandbox's SandboxSync row says
//    when it was seen (lib/connections/last-seen.ts);
//  - an etag the console did not write is flagged as drift (the stored etag is kept: it is the
//    console's concurrency token, so a later rotation meets a 412 and shows the conflict).
// Every write is conditional on the etag read, so a rotation that lands mid-sync is never
// overwritten by the sync's older view.
import "server-only";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { syncDataflowFigures, type DataflowSyncReport } from "@/lib/dataflows/sync-figures";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import type { RemoteConnection } from "@/lib/flow-service/types";
import { credentialFingerprint } from "./credential-fingerprint";
import { recordSync } from "@/lib/metrics";
import { insertInventoryRows, type NewInventoryRow } from "./insert-rows";
import { vacuumInventoryAfterSync } from "./inventory-vacuum";
import { lastCompleteSync, recordCompleteSync } from "./last-seen";
import { markMissing } from "./mark-missing";
import { remoteColumns } from "./remote-record";

export type SyncReport = {
  sandbox: string;
  seen: number;
  imported: number;
  updated: number;
  drifted: number;
  missing: number;
  pages: number;
  durationMs: number;
  /** Dataflow counts per connection (lib/dataflows); absent when skipped or unreadable. */
  dataflows?: DataflowSyncReport;
};

const COMPARED = ["name", "description", "platform", "authSpecName", "bucketName", "folderPath", "serviceUrl", "remoteState", "remoteEtag"] as const;

type StoredView = { id: string; remoteId: string; etag: string; updatedAt: Date; driftDetectedAt: Date | null; remoteMissingSince: Date | null; credentialFingerprint: string | null } & Record<(typeof COMPARED)[number], string | null>;

/**
 * Applies one listed page: imports the new connections and writes the rows that changed, stamped
 * with `stamp`; a row that did not change is left as it is. `fetchedAt` is when the page was
 * requested: a row the console wrote after that (a rotation or an edit that landed while the page
 * was in flight) is newer than the page, so it is left too; the next sync compares it again.
 */
export async function applyRemotePage(sandboxName: string, remote: RemoteConnection[], times: { stamp: Date; fetchedAt: Date }, report: SyncReport): Promise<void> {
  const { stamp, fetchedAt } = times;
  const existing: StoredView[] = await db.connection.findMany({
    where: { sandboxName, remoteId: { in: remote.map((r) => r.id) } },
    select: { id: true, remoteId: true, etag: true, updatedAt: true, driftDetectedAt: true, remoteMissingSince: true, credentialFingerprint: true, ...Object.fromEntries(COMPARED.map((c) => [c, true])) } as Record<string, true>,
  }) as unknown as StoredView[];
  const byRemoteId = new Map(existing.map((row) => [row.remoteId, row]));
  const inserts: NewInventoryRow[] = [];
  for (const connection of remote) {
    const columns = remoteColumns(connection);
    const row = byRemoteId.get(connection.id);
    if (!row) {
      inserts.push({ sandboxName, remoteId: connection.id, etag: connection.etag, lastSyncedAt: stamp, credentialFingerprint: credentialFingerprint(connection), ...columns });
      continue;
    }
    if (row.updatedAt > fetchedAt) continue;
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
  if (inserts.length) report.imported += await db.$executeRaw(insertInventoryRows(inserts, new Date(), "skip"));
}

export type SyncOptions = {
  pageSize?: number;
  dataflows?: boolean;
  /**
   * Whether a successful sync that changed no connection is audited (default: yes). The scheduler
   * says no: its sync of each sandbox every SYNC_INTERVAL_SECONDS would otherwise put 288 events a
   * day per sandbox into the trail, each saying nothing happened. SandboxSync, the metrics and the
   * queue's own record still show that it ran; a failure is always audited.
   */
  auditUnchanged?: boolean;
};

/** Whether the sync wrote any connection: imported, changed (drift included) or marked missing. */
export function syncChangedInventory(report: SyncReport): boolean {
  return report.imported + report.updated + report.missing > 0;
}

export async function syncSandbox(sandboxName: string, actor: AuditActor, options: SyncOptions = {}): Promise<SyncReport> {
  const started = new Date();
  const report: SyncReport = { sandbox: sandboxName, seen: 0, imported: 0, updated: 0, drifted: 0, missing: 0, pages: 0, durationMs: 0 };
  const requestIds: string[] = [];
  const seen: string[] = [];
  try {
    const previous = await lastCompleteSync(sandboxName);
    // While one page is written to the database, the next one is already being fetched: with a
    // real Flow Service the listing's latency, not the database, then sets the pace.
    const pages = flowService().listConnectionPages({ sandbox: sandboxName, pageSize: options.pageSize ?? 100 })[Symbol.asyncIterator]();
    let fetchedAt = new Date();
    let pending = pages.next();
    for (;;) {
      const current = await pending;
      if (current.done) break;
      const requestedAt = fetchedAt;
      fetchedAt = new Date();
      pending = pages.next();
      // Keep a rejected prefetch from surfacing as an unhandled rejection while this page is applied.
      pending.catch(() => undefined);
      const page = current.value;
      report.pages += 1;
      report.seen += page.connections.length;
      for (const connection of page.connections) seen.push(connection.id);
      if (requestIds.length < 5) requestIds.push(page.requestId);
      await applyRemotePage(sandboxName, page.connections, { stamp: started, fetchedAt: requestedAt }, report);
    }
    // Whatever the listing did not show was deleted outside the console; then every other row
    // created before the start was listed by this sync, which one row now says.
    report.missing = await markMissing(sandboxName, seen, started, previous);
    await recordCompleteSync(sandboxName, { startedAt: started, finishedAt: new Date() });
    // Then the dataflow figures, in their own step (lib/dataflows/sync-figures.ts); it never fails the sync.
    if (options.dataflows !== false) report.dataflows = await syncDataflowFigures(sandboxName).catch(() => undefined);
    // The rows written (imported, updated, marked missing): the vacuum that is then due runs
    // beside, not in, the sync.
    vacuumInventoryAfterSync(report.imported + report.updated + report.missing);
  } catch (error) {
    recordSync(sandboxName, "failure", Date.now() - started.getTime());
    await recordAuditEvent({ actor, action: "connections.sync", targetType: "sandbox", targetId: sandboxName, sandboxName, outcome: "failure", requestId: requestIds.at(-1) ?? null, details: { ...report, error: error instanceof Error ? error.name : "error" } }).catch(() => undefined);
    throw error;
  }
  report.durationMs = Date.now() - started.getTime();
  recordSync(sandboxName, "success", report.durationMs, report);
  if (options.auditUnchanged === false && !syncChangedInventory(report)) return report;
  await recordAuditEvent({ actor, action: "connections.sync", targetType: "sandbox", targetId: sandboxName, sandboxName, outcome: "success", requestId: requestIds[0] ?? null, details: { ...report, requestIds } });
  return report;
}
