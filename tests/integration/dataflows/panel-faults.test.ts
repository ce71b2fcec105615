// The connection page's dataflow panel and the delete warning under bad data and faults: a
// source connection of another sandbox, a flow with a huge run list, a runs endpoint that fails
// or hangs. The panel says what it could not load, shows the rest, and writes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { connectionDataflows } from "@/lib/dataflows/connection-dataflows";
import { dataflowsStoppedByDelete } from "@/lib/dataflows/delete-impact";
import { db } from "@/lib/db";
import { createDemoConnection } from "../support/connections";
import { useTestServices } from "../support/use-test-services";
import { addDataflows } from "./support";

const actor = { email: "ops@example.com" };

describe(`dataflow panel and delete warning (${inject("databaseTarget")})`, () => {
  const services = useTestServices();
  let remoteId: string;
  beforeAll(async () => {
    remoteId = (await createDemoConnection("Panel subject", actor)).remoteId;
    await addDataflows(services, { baseConnectionId: remoteId, flows: [{ name: "Customers hourly", frequency: "hour" }, { name: "Paused export", frequency: "day", state: "disabled" }] });
    // Seven minutes out of phase with now, so its latest run has finished.
    await addDataflows(services, {
      baseConnectionId: remoteId,
      flows: [{ name: "Events every 15 min", mode: "synthetic", frequency: "minute", interval: 15, startTime: Math.floor((Date.now() - 200 * 86_400_000 - 7 * 60_000) / 1000), failure: "ExpiredToken", failingSinceMs: Date.now() - 100 * 86_400_000 }],
    });
  });
  afterAll(async () => {
  });
  beforeEach(() => {
    services.flow.clearFaults();
  });

  async function panel(options: { budgetMs?: number } = {}) {
    const result = await connectionDataflows("prod", remoteId, options);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }

  it("lists every flow with state, schedule, last run, and since when the failing one fails", async () => {
    const data = await panel();
    expect(data).toMatchObject({ total: 3, failing: 1, problems: [] });
    const [first, ...rest] = data.flows;
    // Failing first. Its history (200 days of runs every 15 minutes) is never read in full:
    // the failure began before the history Flow Service keeps, so "at least since".
    expect(first).toMatchObject({ name: "Events every 15 min", failing: true, schedule: "Every 15 minutes", failingSince: { atLeast: true }, runsLoaded: true });
    expect(first?.errors.some((e) => e.message.includes("ExpiredToken"))).toBe(true);
    expect(first?.url).toMatch(/^https:\/\/experience\.adobe\.com\/#\/@.+\/sname:prod\/platform\/source\/dataflows\/[\w-]+\/activity$/);
    expect(rest.map((f) => [f.name, f.state, f.schedule, f.lastRun?.status])).toEqual([
      ["Customers hourly", "enabled", "Hourly", "success"],
      ["Paused export", "disabled", "Daily", undefined],
    ]);
  });

  it("still shows the flows when the runs endpoint fails, says which history is missing, and writes nothing", async () => {
    const auditBefore = await db.auditEvent.count();
    const rowBefore = await db.connection.findFirstOrThrow({ where: { remoteId } });
    services.flow.clearRequests();
    services.flow.addFault({ method: "GET", pathPattern: "/runs$", kind: "status", status: 503, times: 1000 });
    const data = await panel();
    expect(data.total).toBe(3);
    expect(data.flows.find((f) => f.name === "Events every 15 min")).toMatchObject({ failing: true, runsLoaded: false, lastRun: { status: "failed" } });
    expect(data.problems).toEqual([expect.stringMatching(/^The run history of 3 dataflows .* could not be loaded: Flow Service is unavailable \(HTTP 503\) \(request [\w-]+\)/)]);
    expect(await db.auditEvent.count()).toBe(auditBefore);
    expect(await db.connection.findFirstOrThrow({ where: { remoteId } })).toEqual(rowBefore);
    expect(services.flow.requests().filter((r) => r.path.startsWith("/data")).every((r) => r.method === "GET")).toBe(true);
  });

  it("answers within its time budget when the runs endpoint hangs", async () => {
    services.flow.addFault({ method: "GET", pathPattern: "/runs$", kind: "latency", latencyMs: 4_000, times: 1000 });
    const started = Date.now();
    const data = await panel({ budgetMs: 1_000 });
    expect(Date.now() - started).toBeLessThan(3_900);
    expect(data.total).toBe(3);
    expect(data.problems.join(" ")).toMatch(/took too long to answer/);
  });

  it("fails with a clear message, not a crash, when the flows cannot be listed at all", async () => {
    services.flow.addFault({ method: "GET", pathPattern: "/sourceConnections$", kind: "status", status: 500, times: 1000 });
    const result = await connectionDataflows("prod", remoteId);
    expect(result).toMatchObject({ ok: false, error: { code: "dataflows_unavailable", message: expect.stringMatching(/could not be loaded: Flow Service is unavailable \(HTTP 500\)/) } });
  });

  it("sets aside a source connection of another sandbox, and says so", async () => {
    const other = (await createDemoConnection("Cross-sandbox target", actor)).remoteId;
    await addDataflows(services, { baseConnectionId: other, flows: [{ name: "Own flow", frequency: "day" }] });
    await addDataflows(services, { sandbox: "dev", leakIntoSandbox: "prod", baseConnectionId: other, name: "Dev copy", flows: [{ name: "Dev flow", mode: "synthetic" }] });
    const result = await connectionDataflows("prod", other);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.flows.map((f) => f.name)).toEqual(["Own flow"]);
    expect(result.data.problems).toEqual([expect.stringContaining("1 source connection of sandbox dev points at this connection")]);
    const impact = await dataflowsStoppedByDelete("prod", other);
    expect(impact).toMatchObject({ ok: true, data: { stopping: 1, names: ["Own flow"], elsewhere: 1 } });
  });

  it("warns before a delete with the number and names of the enabled dataflows that will stop", async () => {
    const impact = await dataflowsStoppedByDelete("prod", remoteId);
    expect(impact).toEqual({ ok: true, data: { stopping: 2, names: ["Customers hourly", "Events every 15 min"], total: 3, elsewhere: 0 } });
    // A failing runs endpoint does not hide the warning: it reads listings only.
    services.flow.addFault({ method: "GET", pathPattern: "/runs$", kind: "status", status: 500, times: 100 });
    expect(await dataflowsStoppedByDelete("prod", remoteId)).toMatchObject({ ok: true, data: { stopping: 2 } });
  });
});
