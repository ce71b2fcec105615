/**
 * The dataflow listings the console relies on, written once and run against the simulator and
 * (read-only, with whatever the sandbox holds) the real service: source connections by base
 * connection, flows by source connection, runs by flow, in Adobe's batch form and page by page.
 */
import { expect, it } from "vitest";
import type { FlowServiceClient, RemoteFlow, RemoteSourceConnection } from "@/lib/flow-service";

export interface DataflowContractTarget {
  client: FlowServiceClient;
  sandbox: string;
}

export function defineDataflowContract(target: () => DataflowContractTarget, options: { simulator: boolean }): void {
  let baseIds: string[] = [];
  let sources: RemoteSourceConnection[] = [];
  let flows: RemoteFlow[] = [];

  it("lists the source connections of a batch of base connections in one request", async () => {
    const { client, sandbox } = target();
    const page = await client.listConnectionPages({ sandbox, pageSize: 100 }).next();
    baseIds = page.done ? [] : page.value.connections.map((c) => c.id);
    if (options.simulator) expect(baseIds.length).toBe(100);
    if (baseIds.length === 0) return;
    const listed = await client.listSourceConnectionsOf(baseIds, { sandbox });
    sources = listed.sourceConnections;
    if (options.simulator) {
      expect(sources.length).toBeGreaterThan(20);
      expect(listed.requestIds).toHaveLength(1);
    }
    for (const source of sources) expect(baseIds).toContain(source.baseConnectionId);
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
  });

  it("returns the same source connections page by page as in one batch", async () => {
    if (sources.length === 0) return;
    const { client, sandbox } = target();
    const paged = await client.listSourceConnectionsOf(baseIds, { sandbox, pageSize: 7 });
    expect(paged.sourceConnections.map((s) => s.id).sort()).toEqual(sources.map((s) => s.id).sort());
    expect(paged.requestIds.length).toBe(Math.ceil(sources.length / 7));
    const one = sources[0]!;
    const single = await client.listSourceConnectionsOf([one.baseConnectionId!], { sandbox });
    expect(single.sourceConnections.map((s) => s.id)).toContain(one.id);
    expect(single.sourceConnections.every((s) => s.baseConnectionId === one.baseConnectionId)).toBe(true);
  });

  it("lists the flows of a batch of source connections, each with its schedule and last run", async () => {
    if (sources.length === 0) return;
    const { client, sandbox } = target();
    const ids = sources.slice(0, 100).map((s) => s.id);
    const listed = await client.listFlowsOf(ids, { sandbox, pageSize: 25 });
    flows = listed.flows;
    if (options.simulator) expect(flows.length).toBeGreaterThanOrEqual(ids.length);
    for (const flow of flows) {
      expect(flow.sourceConnectionIds.some((id) => ids.includes(id))).toBe(true);
      expect(typeof flow.state).toBe("string");
    }
    if (options.simulator) {
      expect(flows.every((f) => f.schedule && ["once", "minute", "hour", "day", "week"].includes(f.schedule.frequency))).toBe(true);
      expect(flows.some((f) => f.lastRun?.status === "failed")).toBe(true);
    }
  });

  it("lists a flow's runs newest first, one bounded page, with status and time", async () => {
    const flow = flows.find((f) => f.lastRun) ?? flows[0];
    if (!flow) return;
    const { client, sandbox } = target();
    const { runs, count } = await client.listRunsOf([flow.id], { sandbox, orderBy: "-createdAt", limit: 5 });
    expect(runs.length).toBeLessThanOrEqual(5);
    const created = runs.map((r) => r.createdAt ?? 0);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    for (const run of runs) {
      expect(run.flowId).toBe(flow.id);
      expect(typeof run.status).toBe("string");
    }
    if (options.simulator) {
      expect(runs.length).toBe(5);
      expect(count).toBeUndefined();
      expect(runs[0]?.id).toBe(flow.lastRun?.id);
    }
  });

  it("filters runs by status and time, and reads failed runs' errors", async () => {
    const failing = flows.find((f) => f.lastRun?.status === "failed");
    if (!failing) return;
    const { client, sandbox } = target();
    const failed = await client.listRunsOf([failing.id], { sandbox, orderBy: "-createdAt", limit: 3, filters: ["metrics.statusSummary.status==failed"] });
    expect(failed.runs.length).toBeGreaterThan(0);
    expect(failed.runs.every((r) => r.status.toLowerCase() === "failed")).toBe(true);
    if (options.simulator) {
      const errors = failed.runs[0]!.errors;
      expect(errors.map((e) => e.code)).toContain("CONNECTOR-1001-500");
      expect(errors.some((e) => /ExpiredToken|AccessDenied/.test(e.message))).toBe(true);
    }
    const cutoff = failed.runs.at(-1)!.createdAt!;
    const later = await client.listRunsOf([failing.id], { sandbox, orderBy: "createdAt", limit: 100, filters: [`createdAt>=${cutoff}`] });
    expect(later.runs.every((r) => (r.createdAt ?? 0) >= cutoff)).toBe(true);
    expect(later.runs.map((r) => r.id)).toEqual(expect.arrayContaining(failed.runs.map((r) => r.id)));
  });

  it("lists runs of several flows in one request", async () => {
    if (flows.length < 2) return;
    const { client, sandbox } = target();
    // Daily flows in the simulator: a 15-minute flow alone would fill the page.
    const ids = (options.simulator ? flows.filter((f) => f.schedule?.frequency === "day") : flows).slice(0, 3).map((f) => f.id);
    const { runs } = await client.listRunsOf(ids, { sandbox, orderBy: "-createdAt", limit: 100 });
    expect(runs.every((r) => ids.includes(r.flowId ?? ""))).toBe(true);
    if (options.simulator) expect(new Set(runs.map((r) => r.flowId)).size).toBeGreaterThan(1);
  });
}
