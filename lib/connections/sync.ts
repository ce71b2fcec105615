// Reconciles the stored inventory of a sandbox with Flow Service, page by page:
//  - connections created outside the console are imported;
//  - connections no longer listed are marked missing (never silently dropped);
//  - a listed connection that did not change is not written: the sandbox's SandboxSync row says
//    when it was seen (lib/connections/last-seen.ts);
//  - an etag the console did not write is flagged as drift (the stored etag is kept: it is the
//    console's concurrency token, so a later rotation meets a 412 and shows the conflict).
// Every write is conditional on the etag read, so a rotation that lands mid-sync is never
// overwritten by the sync's older view. lib/connections/apply-page.ts applies each page.
import "server-only";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { syncDataflowFigures, type DataflowSyncReport } from "@/lib/dataflows/sync-figures";
import { flowService } from "@/lib/flow-service/server";
import { recordSync } from "@/lib/metrics";
import { applyRemotePage, type PageStrategy } from "./apply-page";
import { vacuumInventoryAfterSync } from "./inventory-vacuum";
import { lastCompleteSync, recordCompleteSync } from "./last-seen";
import { markMissing } from "./mark-missing";

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
    let strategy: PageStrategy = "read-first";
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
      strategy = await applyRemotePage(sandboxName, page.connections, { stamp: started, fetchedAt: requestedAt }, report, strategy);
    }
    // Whatever the listing did not show was deleted outside the console; then every other row
    // created before the start was listed by this sync, which one row now says.
    report.missing = await markMissing(sandboxName, seen, started, previous);
    await recordCompleteSync(sandboxName, { startedAt: started, finishedAt: new Date() });
    // Then the dataflow figures, in their own step (lib/dataflows/sync-figures.ts); it never fails the sync.
    if (options.dataflows !== false) report.dataflows = await syncDataflowFigures(sandboxName).catch(() => undefined);
    // The rows written (imported, updated, marked missing) and the sandbox's stored rows the
    // listing met: the vacuum or analysis that is then due runs beside, not in, the sync.
    vacuumInventoryAfterSync(report.imported + report.updated + report.missing, report.seen - report.imported);
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
