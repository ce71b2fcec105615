// The sync's dataflow step over a seeded sandbox: figures per connection that match what Flow
// Service says, in batches (not one call per connection), and a Flow Service failure that keeps
// the previous figures instead of failing the sync.
import { describe, expect, inject, it } from "vitest";
import { syncSandbox } from "@/lib/connections/sync";
import { isFailing } from "@/lib/dataflows/describe";
import { syncDataflowFigures } from "@/lib/dataflows/sync-figures";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { addDataflows } from "./support";
import { useTestServices } from "../support/use-test-services";

const actor = { email: "ops@example.com" };

describe(`dataflow figures in the sync (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ seed: 250 });

  it("stores each connection's flows and failing flows, reading them in batches", async () => {
    services.flow.clearRequests();
    const report = await syncSandbox("prod", actor);
    const dataflows = report.dataflows!;
    expect(dataflows).toMatchObject({ connections: 250, failedBatches: 0, skipped: 0 });
    expect(dataflows.flows).toBeGreaterThan(100);
    expect(dataflows.failingFlows).toBeGreaterThan(0);
    // Three batches of up to 100 connections: a source-connection call and a few flow pages each,
    // plus one run query per flow running at that moment.
    const calls = services.flow.requests().filter((r) => /\/(sourceConnections|flows|runs)$/.test(r.path));
    expect(calls.length).toBe(dataflows.requests);
    expect(calls.filter((r) => !r.path.endsWith("/runs")).length).toBeLessThan(20);

    const rows = await db.connection.findMany({ where: { sandboxName: "prod" }, include: { dataflowSummary: true } });
    expect(rows.every((row) => row.dataflowSummary !== null)).toBe(true);
    // Spot-check against Flow Service, connection by connection. Its synthetic runs follow the
    // real clock, so a run can end (and a flow turn failing) between the sync and a later read:
    // the figures step runs again between two reads, and the connections whose flows did not
    // change between those reads must have exactly those figures stored.
    const sample = rows.filter((r) => (r.dataflowSummary?.total ?? 0) > 0).slice(0, 5);
    const readFigures = () =>
      Promise.all(
        sample.map(async (row) => {
          const { sourceConnections } = await flowService().listSourceConnectionsOf([row.remoteId]);
          const { flows } = await flowService().listFlowsOf(sourceConnections.map((s) => s.id));
          return { total: flows.length, failing: flows.filter(isFailing).length };
        }),
      );
    const before = await readFigures();
    await syncDataflowFigures("prod");
    const after = await readFigures();
    const stored = new Map((await db.connectionDataflows.findMany({ where: { connectionId: { in: sample.map((row) => row.id) } } })).map((figures) => [figures.connectionId, figures]));
    const steady = sample.flatMap((row, index) => (before[index]!.total === after[index]!.total && before[index]!.failing === after[index]!.failing ? [{ row, figures: after[index]! }] : []));
    expect(steady.length).toBeGreaterThan(0);
    for (const { row, figures } of steady) expect(stored.get(row.id)).toMatchObject(figures);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connections.sync" }, orderBy: { occurredAt: "desc" } });
    expect(audit.details).toMatchObject({ dataflows: { connections: 250 } });
  });

  it("writes only the figures that changed", async () => {
    const figures = () => db.connectionDataflows.findMany({ where: { connection: { sandboxName: "prod" } }, orderBy: { connectionId: "asc" } });
    const same = (a: { total: number; failing: number; lastFailureAt: Date | null }, b: typeof a) => a.total === b.total && a.failing === b.failing && a.lastFailureAt?.getTime() === b.lastFailureAt?.getTime();
    const before = await figures();
    // One connection gets a failing flow; the rest of Flow Service stays as it was.
    const target = await db.connection.findFirstOrThrow({ where: { sandboxName: "prod", remoteMissingSince: null }, orderBy: { name: "asc" } });
    const startTime = Math.floor((services.clock.now() - 3 * 86_400_000) / 1000);
    await addDataflows(services, { sandbox: "prod", baseConnectionId: target.remoteId, flows: [{ name: "Fails daily", mode: "synthetic", frequency: "day", interval: 1, startTime, failure: "ExpiredToken", failingSinceMs: services.clock.now() - 2 * 86_400_000 }] });
    await syncDataflowFigures("prod");
    const after = await figures();
    expect(after.map((row) => row.connectionId)).toEqual(before.map((row) => row.connectionId));
    let unchanged = 0;
    after.forEach((row, index) => {
      const previous = before[index]!;
      if (same(row, previous)) {
        unchanged += 1;
        expect(row.changedAt).toEqual(previous.changedAt);
      } else {
        expect(row.changedAt.getTime()).toBeGreaterThan(previous.changedAt.getTime());
      }
    });
    // A flow whose scheduled run came due meanwhile may change a few; nearly all are the same.
    expect(unchanged).toBeGreaterThan(before.length - 10);
    const changed = after.find((row) => row.connectionId === target.id)!;
    expect(changed.total).toBe(before.find((row) => row.connectionId === target.id)!.total + 1);
    expect(changed.changedAt.getTime()).toBeGreaterThan(before.find((row) => row.connectionId === target.id)!.changedAt.getTime());
  });

  it("keeps the previous figures when Flow Service cannot answer, and never fails the sync", async () => {
    const before = await db.connectionDataflows.findMany({ orderBy: { connectionId: "asc" } });
    services.flow.addFault({ method: "GET", pathPattern: "/flows$", kind: "status", status: 500, times: 1000 });
    try {
      const report = await syncDataflowFigures("prod");
      expect(report).toMatchObject({ connections: 250, failedBatches: 3, flows: 0 });
      expect(await db.connectionDataflows.findMany({ orderBy: { connectionId: "asc" } })).toEqual(before);
      const sync = await syncSandbox("prod", actor);
      expect(sync.seen).toBe(250);
      expect(sync.dataflows?.failedBatches).toBe(3);
    } finally {
      services.flow.clearFaults();
    }
  });

  it("counts a failing flow that is running right now as failing, from its previous run", async () => {
    const { id } = await flowService().createConnection({ name: "Running now", auth: { specName: "Access Key", params: { s3AccessKey: "AKIARUNNINGNOW000001", s3SecretKey: "x-secret", bucketName: "acme-landing" } } }, { sandbox: "dev" });
    await syncSandbox("dev", actor, { dataflows: false });
    // Every 15 minutes since 30 days ago to the second: a run started just now, still running.
    const startTime = Math.floor((services.clock.now() - 30 * 86_400_000) / 1000);
    await addDataflows(services, { sandbox: "dev", baseConnectionId: id, flows: [{ name: "Busy", mode: "synthetic", frequency: "minute", interval: 15, startTime, failure: "ExpiredToken", failingSinceMs: services.clock.now() - 86_400_000 }] });
    const { sourceConnections } = await flowService().listSourceConnectionsOf([id], { sandbox: "dev" });
    const { flows } = await flowService().listFlowsOf(sourceConnections.map((s) => s.id), { sandbox: "dev" });
    expect(flows[0]?.lastRun?.status).toBe("inProgress");
    const report = await syncDataflowFigures("dev");
    expect(report).toMatchObject({ flows: 1, failingFlows: 1 });
  });

  it("drops the figures with the connection", async () => {
    const row = await db.connection.findFirstOrThrow({ where: { sandboxName: "prod" } });
    await db.connection.delete({ where: { id: row.id } });
    expect(await db.connectionDataflows.findUnique({ where: { connectionId: row.id } })).toBeNull();
  });
});
