// The sync's dataflow step: for every connection of the sandbox, how many flows read through it
// and how many of them are failing, from Flow Service's flow listing (each flow carries its last
// run's state, so no run is read here). Connections go 100 at a time (one source-connection
// request and about one flow request per batch), four batches in flight, and each batch's
// figures are written in one statement as soon as it is read.
//
// Called by lib/connections/sync.ts after the connection listing; it never fails the sync: a
// batch Flow Service could not answer keeps its previous figures and is counted in the report.
import "server-only";
import { mapBounded } from "@/lib/connections/bounded";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import type { FlowServiceClient, RemoteFlow } from "@/lib/flow-service";
import { isFailing, runStatus } from "./describe";
import { chunk, resolveDataflows } from "./resolve";
import { isFinishedRun } from "./run-queries";

/** Running flows whose previous run is looked up per sync (the rest count as not failing). */
export const MAX_RUNNING_LOOKUPS = 200;

export type DataflowSyncReport = {
  connections: number;
  flows: number;
  failingFlows: number;
  connectionsWithFailing: number;
  /** Flow Service requests made (source connections and flows, every page; runs of running flows). */
  requests: number;
  /** Source connections set aside (another sandbox, a base connection not asked for). */
  skipped: number;
  /** Batches of 100 connections whose figures could not be read (kept as they were). */
  failedBatches: number;
  durationMs: number;
};

type Figures = { connectionId: string; total: number; failing: number; lastFailureAt: Date | null };

/**
 * A flow running right now says nothing about its health in lastRunDetails; its previous,
 * finished run does. One small run query per running flow (they are few at any moment), so a
 * failing 15-minute flow does not blink to "healthy" whenever a sync meets it mid-run.
 */
async function failingWhileRunning(client: FlowServiceClient, flows: RemoteFlow[], sandbox: string, budget: { left: number }): Promise<{ failing: Set<string>; lookups: number }> {
  const running = flows.filter((f) => f.state.toLowerCase() === "enabled" && runStatus(f.lastRun?.status) === "inProgress").slice(0, Math.max(0, budget.left));
  budget.left -= running.length;
  const failing = new Set<string>();
  await mapBounded(running, 2, async (flow) => {
    const { runs } = await client.listRunsOf([flow.id], { sandbox, orderBy: "-createdAt", limit: 3 });
    if (runStatus(runs.find(isFinishedRun)?.status) === "failed") failing.add(flow.id);
  });
  return { failing, lookups: running.length };
}

/**
 * One upsert per batch. Rows of connections deleted while the batch was read are dropped by the
 * join, so a concurrent delete never fails the batch (the foreign key would). A row whose figures
 * did not change is not written: most syncs change none, and rewriting 10,000 of them cost
 * 2-3 MB of WAL per sync. They are left out before the insert, not by a condition on ON CONFLICT's
 * update: ON CONFLICT locks every row it meets, which alone wrote 0.5 MB of WAL per 10,000.
 */
async function writeFigures(rows: Figures[], changedAt: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => Prisma.sql`(${r.connectionId}::uuid, ${r.total}::int, ${r.failing}::int, ${r.lastFailureAt}::timestamp(3), ${changedAt}::timestamp(3))`);
  await db.$executeRaw`
    INSERT INTO "ConnectionDataflows" ("connectionId", "total", "failing", "lastFailureAt", "changedAt")
    SELECT v.id, v.total, v.failing, v.last_failure, v.changed
    FROM (VALUES ${Prisma.join(values)}) AS v(id, total, failing, last_failure, changed)
    JOIN "Connection" c ON c."id" = v.id
    WHERE NOT EXISTS (SELECT 1 FROM "ConnectionDataflows" s WHERE s."connectionId" = v.id AND (s."total", s."failing", s."lastFailureAt") IS NOT DISTINCT FROM (v.total, v.failing, v.last_failure))
    ON CONFLICT ("connectionId") DO UPDATE SET "total" = EXCLUDED."total", "failing" = EXCLUDED."failing", "lastFailureAt" = EXCLUDED."lastFailureAt", "changedAt" = EXCLUDED."changedAt"`;
}

export async function syncDataflowFigures(sandboxName: string, options: { concurrency?: number; signal?: AbortSignal } = {}): Promise<DataflowSyncReport> {
  const started = Date.now();
  const report: DataflowSyncReport = { connections: 0, flows: 0, failingFlows: 0, connectionsWithFailing: 0, requests: 0, skipped: 0, failedBatches: 0, durationMs: 0 };
  const stored = await db.connection.findMany({ where: { sandboxName, remoteMissingSince: null }, select: { id: true, remoteId: true } });
  report.connections = stored.length;
  const changedAt = new Date();
  const client = flowService();
  const budget = { left: MAX_RUNNING_LOOKUPS };
  await mapBounded(chunk(stored), options.concurrency ?? 4, async (batch) => {
    try {
      const resolved = await resolveDataflows(client, batch.map((c) => c.remoteId), { sandbox: sandboxName, signal: options.signal, concurrency: 1 });
      const running = await failingWhileRunning(client, [...new Map([...resolved.flowsByBase.values()].flat().map((f) => [f.id, f])).values()], sandboxName, budget);
      report.requests += resolved.requests + running.lookups;
      report.skipped += resolved.skipped.length;
      const rows = batch.map((connection): Figures => {
        const flows = resolved.flowsByBase.get(connection.remoteId) ?? [];
        const failing = flows.filter((flow) => isFailing(flow) || running.failing.has(flow.id));
        const lastFailure = Math.max(0, ...failing.map((f) => f.lastRun?.startedAt ?? 0));
        return { connectionId: connection.id, total: flows.length, failing: failing.length, lastFailureAt: lastFailure > 0 ? new Date(lastFailure) : null };
      });
      for (const row of rows) {
        report.flows += row.total;
        report.failingFlows += row.failing;
        if (row.failing > 0) report.connectionsWithFailing += 1;
      }
      await writeFigures(rows, changedAt);
    } catch (error) {
      report.failedBatches += 1;
      log.warn({ sandbox: sandboxName, batchSize: batch.length, err: error, requestId: (error as { requestId?: string }).requestId }, "dataflow figures of a batch could not be read");
    }
  });
  report.durationMs = Date.now() - started;
  return report;
}
