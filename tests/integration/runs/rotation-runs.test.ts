// Rotation runs through the real queue: the action only records the run and its jobs; the workers
// (started here as a console process starts them) rotate each connection once, audit it once with
// the run id, and the run's state tells the truth at every step.
import "../support/next-request";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { startRunAction } from "@/app/(console)/connections/actions";
import { cancelRunAction, retryFailedAction, runProgressAction } from "@/app/(console)/runs/actions";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/background";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { enqueue, QUEUES } from "@/lib/jobs";
import { metrics } from "@/lib/metrics";
import { createDemoConnection } from "../support/connections";
import type { TestServices } from "../support/local-services";
import { useTestServices } from "../support/use-test-services";
import { signInForTest } from "../support/next-request";
import { resetDatabase } from "../support/reset";

const TOKEN = { s3SessionToken: "canary-run-token-7f3a", sessionTokenExpiresAt: "2031-01-01T00:00", s3AccessKey: "", s3SecretKey: "" };

async function makeConnections(count: number, prefix = "Run"): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await createDemoConnection(`${prefix} ${String(i).padStart(3, "0")}`, { email: "setup@example.com" })).remoteId);
  return ids;
}

async function waitForRun(runId: string, until: (status: string) => boolean = (status) => status !== "running", timeout = 60_000) {
  await expect.poll(async () => (await db.rotationRun.findUniqueOrThrow({ where: { id: runId } })).status, { timeout, interval: 200 }).toSatisfy(until);
  return db.rotationRun.findUniqueOrThrow({ where: { id: runId }, include: { items: true } });
}

/** This process's slot metrics for a sandbox, cumulative: uses (one per call in a slot), seconds waited, seconds held. */
async function slotMetrics(sandbox: string) {
  const { rotationSlotWait, rotationSlotBusy } = metrics();
  const wait = (await rotationSlotWait.get()).values.filter((v) => v.labels.sandbox === sandbox);
  const of = (suffix: string) => wait.find((v) => v.metricName === `s3console_rotation_slot_wait_seconds_${suffix}`)?.value ?? 0;
  const busy = (await rotationSlotBusy.get()).values.find((v) => v.labels.sandbox === sandbox)?.value ?? 0;
  return { uses: of("count"), waited: of("sum"), busy };
}

function successfulPatches(services: TestServices, remoteId: string) {
  return services.flow.requests().filter((r) => r.method === "PATCH" && r.path.endsWith(`/connections/${remoteId}`) && r.status === 200);
}

describe(`rotation runs on the job queue (${inject("databaseTarget")})`, () => {
  const services = useTestServices();
  beforeAll(async () => {
    await startBackgroundWork();
  });
  afterAll(async () => {
    await stopBackgroundWork();
  });
  beforeEach(async () => {
    await resetDatabase();
    services.flow.clearFaults();
    services.flow.clearRequests();
    await signInForTest("operator");
  });

  it("rotates every selected connection once, audits each once with the run id, and erases the token", async () => {
    const ids = await makeConnections(12);
    services.flow.clearRequests();
    const started = await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: ids }, credentials: TOKEN });
    expect(started).toMatchObject({ ok: true, data: { total: 12, excluded: [] } });
    const runId = started.ok ? started.data.runId : "";

    const run = await waitForRun(runId);
    expect(run.status).toBe("finished");
    expect(run.items.map((item) => item.status)).toEqual(Array(12).fill("done"));
    expect(run.sealedCredentials).toBeNull();
    for (const id of ids) {
      expect(successfulPatches(services, id)).toHaveLength(1);
      expect(services.flow.rawConnection(id)?.auth.params.s3SessionToken).toBe(TOKEN.s3SessionToken);
    }
    expect(services.flow.requests().filter((r) => r.status === 412)).toHaveLength(0);
    const audits = await db.auditEvent.findMany({ where: { action: "connection.rotate_token" } });
    expect(audits).toHaveLength(12);
    for (const audit of audits) expect(audit.details).toMatchObject({ runId });
    // The stored etags are Flow Service's, and the token is nowhere in the database.
    for (const row of await db.connection.findMany()) expect(row.etag).toBe(services.flow.rawConnection(row.remoteId)?.etag);
    const dump = JSON.stringify(await Promise.all([db.rotationRun.findMany(), db.rotationRunItem.findMany(), db.auditEvent.findMany(), db.$queryRawUnsafe("SELECT data, output FROM pgboss.job")]));
    expect(dump).not.toContain(TOKEN.s3SessionToken);

    const progress = await runProgressAction(runId, { page: 1 });
    expect(progress).toMatchObject({ ok: true, data: { run: { status: "finished", total: 12, counts: { done: 12, waiting: 0, running: 0 } }, itemTotal: 12 } });
  });

  it("twice as many workers as sandbox slots: never more than ROTATION_CONCURRENCY PATCHes in flight, and the slots are used", async () => {
    const slots = serverEnv().ROTATION_CONCURRENCY;
    const ids = await makeConnections(slots * 4, "Slots");
    // Every PATCH takes 150 ms in the simulator: long enough for overlaps to show.
    services.flow.addFault({ method: "PATCH", pathPattern: "/connections/[^/]+$", kind: "latency", latencyMs: 150, times: ids.length });
    services.flow.clearRequests();
    const sandbox = (await db.connection.findFirstOrThrow({ where: { remoteId: ids[0] } })).sandboxName;
    const before = await slotMetrics(sandbox);
    const started = await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: ids }, credentials: TOKEN });
    const run = await waitForRun(started.ok ? started.data.runId : "");
    expect(run.items.map((item) => item.status)).toEqual(Array(ids.length).fill("done"));
    const patches = services.flow.requests().filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(ids.length);
    // The most PATCHes in flight at once: at each start, count those started and not yet finished.
    const inFlight = patches.map((p) => patches.filter((q) => q.at <= p.at && q.at + q.durationMs > p.at).length);
    expect(Math.max(...inFlight)).toBeLessThanOrEqual(slots);
    expect(Math.max(...inFlight)).toBeGreaterThan(1);

    // The slot metrics: one use per PATCH, each held at least its 150 ms and all of them within
    // the slots' capacity over the run; with twice as many workers as slots, some waited.
    const after = await slotMetrics(sandbox);
    const runSeconds = (run.finishedAt!.getTime() - run.createdAt.getTime()) / 1000;
    expect(after.uses - before.uses).toBe(ids.length);
    expect(after.busy - before.busy).toBeGreaterThanOrEqual(ids.length * 0.15);
    expect(after.busy - before.busy).toBeLessThanOrEqual(slots * runSeconds);
    expect(after.waited - before.waited).toBeGreaterThan(0.15);
  });

  it("a token item's attempt records the etag it patches from before the PATCH goes out, and clears it with the result", async () => {
    const [id] = await makeConnections(1, "Armed");
    const stored = await db.connection.findFirstOrThrow({ where: { remoteId: id } });
    // The PATCH takes 1.5 s: long enough to read the item while it is in flight.
    services.flow.addFault({ method: "PATCH", pathPattern: `/connections/${id}$`, kind: "latency", latencyMs: 1_500, times: 1 });
    const started = await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: [id!] }, credentials: TOKEN });
    const runId = started.ok ? started.data.runId : "";
    const item = () => db.rotationRunItem.findFirstOrThrow({ where: { runId } });
    await expect.poll(async () => (await item()).status, { timeout: 10_000, interval: 50 }).toBe("running");
    expect(await item()).toMatchObject({ attempts: 1, patchedFrom: stored.etag, patchedExpiry: new Date(`${TOKEN.sessionTokenExpiresAt}Z`) });
    expect((await item()).startedAt).not.toBeNull();

    await waitForRun(runId);
    expect(await item()).toMatchObject({ status: "done", attempts: 1, patchedFrom: null });
    expect(successfulPatches(services, id!)).toHaveLength(1);
  });

  it("runs over an inventory filter, leaving out what the mode cannot rotate and saying so", async () => {
    const ids = await makeConnections(4, "Filtered");
    await makeConnections(2, "Other");
    // One of the filtered connections has no rotation source: an STS run leaves it out.
    await db.connection.updateMany({ where: { remoteId: { in: ids.slice(0, 3) } }, data: { rotationRoleArn: "arn:aws:iam::000000000000:role/aep-s3-rotation" } });
    const started = await startRunAction({ mode: "sts", selection: { kind: "filter", query: { q: "Filtered" } } });
    expect(started).toMatchObject({ ok: true, data: { total: 3, excluded: [{ reason: "no rotation source (IAM role to assume)", count: 1 }] } });
    const run = await waitForRun(started.ok ? started.data.runId : "");
    expect(run.items.map((item) => item.status).sort()).toEqual(["done", "done", "done"]);
    for (const id of ids.slice(0, 3)) expect(successfulPatches(services, id)).toHaveLength(1);
    expect(successfulPatches(services, ids[3]!)).toHaveLength(0);
    // Each item shows the request id of its PATCH (the "set" step), as a token run's item does.
    for (const item of run.items) {
      const set = (item.steps as { step: string; requestIds: string[] }[]).find((step) => step.step === "set");
      expect(item.requestId).toEqual(expect.any(String));
      expect(item.requestId).toBe(set?.requestIds[0]);
    }
  });

  it("cancel stops what has not started; retry failed re-runs only the failures", async () => {
    const ids = await makeConnections(40, "Slow");
    // Every PATCH takes 400 ms: with 8 slots (and two workers per slot, so up to 16 items running,
    // half of them waiting for a slot), most items are still waiting when the cancel lands.
    services.flow.addFault({ method: "PATCH", kind: "latency", latencyMs: 400, times: 100 });
    const started = await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: ids }, credentials: TOKEN });
    const runId = started.ok ? started.data.runId : "";
    await expect.poll(() => db.rotationRunItem.count({ where: { runId, status: "done" } }), { timeout: 20_000 }).toBeGreaterThan(0);
    const cancelled = await cancelRunAction(runId);
    expect(cancelled.ok).toBe(true);
    const run = await waitForRun(runId, () => true);
    await expect.poll(() => db.rotationRunItem.count({ where: { runId, status: "running" } }), { timeout: 20_000 }).toBe(0);
    const items = await db.rotationRunItem.findMany({ where: { runId } });
    const cancelledIds = items.filter((item) => item.status === "cancelled").map((item) => item.remoteId);
    expect(run.status).toBe("cancelled");
    expect(cancelledIds.length).toBeGreaterThan(0);
    expect(items.every((item) => item.status === "done" || item.status === "cancelled")).toBe(true);
    // Nothing cancelled was patched, and the token is erased once nothing runs.
    for (const id of cancelledIds) expect(successfulPatches(services, id)).toHaveLength(0);
    await expect.poll(async () => (await db.rotationRun.findUniqueOrThrow({ where: { id: runId } })).sealedCredentials).toBeNull();

    // Cancelling again, or a finished run, changes nothing and says why.
    expect(await cancelRunAction(runId)).toMatchObject({ ok: false, error: { message: "This run has already been cancelled; there is nothing to cancel." } });

    // A run with failures: the first three PATCHes are refused for good (400), then retried.
    services.flow.clearFaults();
    const second = await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: ids.slice(0, 6) }, credentials: TOKEN });
    const secondId = second.ok ? second.data.runId : "";
    services.flow.addFault({ method: "PATCH", kind: "status", status: 400, times: 3 });
    await waitForRun(secondId);
    const failed = await db.rotationRunItem.findMany({ where: { runId: secondId, status: "failed" } });
    expect(failed.length).toBeGreaterThan(0);
    expect(await retryFailedAction(secondId, {})).toMatchObject({ ok: false, error: { code: "validation", fields: { s3SessionToken: "Enter the session token to apply." } } });
    services.flow.clearRequests();
    expect(await retryFailedAction(secondId, { credentials: TOKEN })).toMatchObject({ ok: true, data: { retried: failed.length } });
    const retried = await waitForRun(secondId);
    expect(retried.items.every((item) => item.status === "done")).toBe(true);
    const patched = new Set(services.flow.requests().filter((r) => r.method === "PATCH").map((r) => r.path.split("/").pop()));
    expect([...patched].sort()).toEqual(failed.map((item) => item.remoteId).sort());
  });

  it("refuses bad requests with a specific message and changes nothing", async () => {
    const ids = await makeConnections(2, "Refused");
    const before = await db.rotationRun.count();
    expect(await startRunAction({ mode: "token", selection: { kind: "filter", query: { q: "no such connection" } }, credentials: TOKEN })).toMatchObject({
      ok: false,
      error: { code: "empty", message: "No connection of this selection can be rotated with a session token. Nothing was started." },
    });
    expect(await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: [ids[0]!, "id-from-another-sandbox"] }, credentials: TOKEN })).toMatchObject({
      ok: false,
      error: { code: "validation", message: "1 of the selected connections is not in sandbox prod (id-from-another-sandbox). Nothing was started." },
    });
    expect(await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: [] }, credentials: TOKEN })).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await startRunAction({ mode: "sts", selection: { kind: "ids", remoteIds: ids } })).toMatchObject({ ok: false, error: { message: expect.stringContaining("2 no rotation source") } });
    expect(await cancelRunAction("00000000-0000-4000-8000-000000000000")).toMatchObject({ ok: false, error: { code: "not_found", message: "There is no such run in this sandbox." } });
    expect(await cancelRunAction("not-a-uuid")).toMatchObject({ ok: false, error: { code: "not_found" } });

    await signInForTest("viewer");
    expect(await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: ids }, credentials: TOKEN })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await db.rotationRun.count()).toBe(before);
    expect(services.flow.requests().filter((r) => r.method === "PATCH")).toHaveLength(0);
  });

  it("a job with a payload from another version fails alone; the workers go on", async () => {
    const bad = await enqueue(QUEUES.rotateConnection, { v: 0, runId: "x" } as never);
    const ids = await makeConnections(2, "After bad job");
    const started = await startRunAction({ mode: "token", selection: { kind: "ids", remoteIds: ids }, credentials: TOKEN });
    const run = await waitForRun(started.ok ? started.data.runId : "");
    expect(run.items.every((item) => item.status === "done")).toBe(true);
    const [job] = await db.$queryRawUnsafe<{ state: string; output: { message?: string } }[]>("SELECT state, output FROM pgboss.job WHERE id = $1::uuid", bad);
    expect(["retry", "failed"]).toContain(job!.state);
    expect(job!.output.message).toMatch(/job payload of rotate-connection is not one this console understands \(v: /);
  });
});
