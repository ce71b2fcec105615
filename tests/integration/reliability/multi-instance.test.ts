// Several console instances (real `next start` processes) on one database share the work of the
// job queue: a bulk run of 1,000 rotations is done once per connection whatever happens to the
// instances, and the scheduled sync runs once per interval for the whole cluster.
import "../support/next-request";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { lastCompleteSync } from "@/lib/connections/last-seen";
import { syncSandbox } from "@/lib/connections/sync";
import { db } from "@/lib/db";
import { QUEUES } from "@/lib/jobs";
import { BOSS_SCHEMA } from "@/lib/jobs/boss";
import { setConnectionPolicy } from "@/lib/rotation-policy/set-policy";
import { createUser } from "@/lib/users/accounts";
import { DEMO_ROTATION_ROLE_ARN } from "@/simulators/sts";
import { createDemoConnection } from "../support/connections";
import { resetDatabase } from "../support/reset";
import { startReceiver } from "../support/webhook-receiver";
import { registerEndpoint } from "../support/webhooks";
import { startTestServices, type TestServices } from "../support/local-services";
import { action, Cluster, OPERATOR, type Instance } from "./support/cluster";
import { newTally, reportTally } from "./tally";

const tally = newTally("multiple instances");
const TOKEN = { s3SessionToken: "cluster-run-token", sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" };
const RUN_SIZE = 1_000;

type Started = { ok: boolean; data?: { runId: string; total: number }; error?: { message: string } };

async function startRun(instance: Instance, remoteIds: string[]): Promise<string> {
  const started = await action<Started>(instance, "startRunAction", "app/(console)/connections/actions.ts", "/connections", [{ mode: "token", selection: { kind: "ids", remoteIds }, credentials: TOKEN }]);
  expect(started, JSON.stringify(started)).toMatchObject({ ok: true, data: { total: remoteIds.length } });
  return started.data!.runId;
}

async function counts(runId: string): Promise<Record<string, number>> {
  const groups = await db.rotationRunItem.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}

/** The run as an instance's run page shows it (through the server action the page polls). */
async function pageView(instance: Instance, runId: string) {
  const result = await action<{ ok: boolean; data?: { run: { status: string; total: number; counts: Record<string, number> } } }>(instance, "runProgressAction", "app/(console)/runs/actions.ts", `/runs/${runId}`, [runId, { page: 1 }]);
  return result.data!.run;
}

async function waitFinished(runId: string, timeout = 240_000): Promise<void> {
  await expect.poll(async () => (await db.rotationRun.findUniqueOrThrow({ where: { id: runId } })).status, { timeout, interval: 500 }).toBe("finished");
}

/** Every connection of the run: exactly one successful PATCH, no 412, stored etag = remote etag. */
async function expectEachRotatedOnce(services: TestServices, remoteIds: string[]) {
  const patches = services.flow.requests().filter((r) => r.method === "PATCH");
  const successes = new Map<string, number>();
  for (const patch of patches.filter((r) => r.status === 200)) {
    const id = patch.path.split("/").pop()!;
    successes.set(id, (successes.get(id) ?? 0) + 1);
  }
  const doubled = remoteIds.filter((id) => (successes.get(id) ?? 0) > 1).length;
  const missing = remoteIds.filter((id) => (successes.get(id) ?? 0) === 0).length;
  tally.duplicates += doubled;
  tally.jobsDoubled += doubled;
  tally.jobsLost += missing;
  expect({ doubled, missing, conflicts: patches.filter((r) => r.status === 412).length }).toEqual({ doubled: 0, missing: 0, conflicts: 0 });
  const rows = await db.connection.findMany({ where: { remoteId: { in: remoteIds } }, select: { remoteId: true, etag: true } });
  const lost = rows.filter((row) => row.etag !== services.flow.rawConnection(row.remoteId)?.etag).length;
  tally.lostUpdates += lost;
  expect(lost).toBe(0);
  for (const id of remoteIds) expect(services.flow.rawConnection(id)?.auth.params.s3SessionToken).toBe(TOKEN.s3SessionToken);
}

describe(`console instances sharing one database (${inject("databaseTarget")})`, { timeout: 600_000 }, () => {
  let services: TestServices;
  let cluster: Cluster;
  let azureIds: string[] = [];

  beforeAll(async () => {
    services = await startTestServices({ requestLogCapacity: 50_000 });
    await resetDatabase();
    await createUser({ email: OPERATOR.email, name: "Cluster operator", role: "operator", password: OPERATOR.password });
    // About 70 % of seeded connections use access keys: 1,500 give more than 1,000 to rotate.
    services.flow.seed(1_500, "prod");
    await syncSandbox("prod", { email: "setup@example.com" });
    azureIds = (await db.connection.findMany({ where: { sandboxName: "prod", platform: "azure" }, orderBy: { name: "asc" }, take: RUN_SIZE, select: { remoteId: true } })).map((row) => row.remoteId);
    expect(azureIds).toHaveLength(RUN_SIZE);
    cluster = new Cluster(inject("databaseUrl"));
  });
  afterEach(async () => {
    await cluster.stopAll();
    services.flow.clearFaults();
    // A test that failed half way must not leave its jobs to the next test's instances.
    await db.rotationRun.updateMany({ where: { status: "running" }, data: { status: "cancelled" } });
    await db.$executeRawUnsafe("TRUNCATE pgboss.job");
  });
  afterAll(async () => {
    await services.close();
    reportTally(tally);
  });

  it("two instances, a bulk run of 1,000: exactly one successful PATCH per connection and no 412", async () => {
    const [a, b] = [await cluster.start("a"), await cluster.start("b")];
    services.flow.clearRequests();
    const runId = await startRun(a, azureIds);
    tally.actions += 1;
    await waitFinished(runId);
    tally.actionsSurvived += 1;
    expect(await counts(runId)).toEqual({ done: RUN_SIZE });
    await expectEachRotatedOnce(services, azureIds);
    // Both instances did part of the work.
    const byInstance = [a, b].map((instance) => (cluster.log(instance.name).match(/"msg":"job workers started"/g) ?? []).length);
    expect(byInstance).toEqual([1, 1]);
    expect(await db.auditEvent.count({ where: { action: "connection.rotate_token", details: { path: ["runId"], equals: runId } } })).toBe(RUN_SIZE);
  });

  it("one of two instances killed with SIGKILL mid-run: the survivor finishes; nothing lost, nothing doubled; the page tells the truth", async () => {
    await cluster.start("a");
    const b = await cluster.start("b");
    // Slow PATCHes so that the kill lands mid-run, with rotations in flight on the victim.
    services.flow.addFault({ method: "PATCH", kind: "latency", latencyMs: 40, times: 10_000 });
    services.flow.clearRequests();
    const runId = await startRun(b, azureIds);
    await expect.poll(async () => (await counts(runId)).done ?? 0, { timeout: 120_000, interval: 200 }).toBeGreaterThan(150);
    await cluster.kill("a");
    tally.faultsInjected += 1;
    tally.instancesKilled += 1;

    // Whatever the moment, the page's numbers add up and "done" never goes back.
    let lastDone = 0;
    await expect
      .poll(
        async () => {
          const run = await pageView(b, runId);
          const total = Object.values(run.counts).reduce((sum, n) => sum + n, 0);
          expect(total).toBe(RUN_SIZE);
          expect(run.counts.done).toBeGreaterThanOrEqual(lastDone);
          lastDone = run.counts.done!;
          return run.status;
        },
        { timeout: 240_000, interval: 500 },
      )
      .toBe("finished");
    tally.actions += 1;
    tally.actionsSurvived += 1;
    expect(await counts(runId)).toEqual({ done: RUN_SIZE });
    await expectEachRotatedOnce(services, azureIds);
  });

  it("the only instance restarted mid-run: the run resumes after start", async () => {
    const a = await cluster.start("a");
    const port = Number(new URL(a.server.url).port);
    services.flow.addFault({ method: "PATCH", kind: "latency", latencyMs: 30, times: 10_000 });
    services.flow.clearRequests();
    const runId = await startRun(a, azureIds.slice(0, 400));
    await expect.poll(async () => (await counts(runId)).done ?? 0, { timeout: 120_000, interval: 200 }).toBeGreaterThan(50);
    await cluster.stop("a");
    tally.restarts += 1;
    const stoppedAt = (await counts(runId)).done ?? 0;
    expect(stoppedAt).toBeLessThan(400);
    await cluster.start("a", port);
    await waitFinished(runId);
    tally.actions += 1;
    tally.actionsSurvived += 1;
    expect(await counts(runId)).toEqual({ done: 400 });
    await expectEachRotatedOnce(services, azureIds.slice(0, 400));
  });

  it("three instances over five sync intervals: exactly five syncs", async () => {
    const interval = 4;
    const syncing = new Cluster(inject("databaseUrl"), { SYNC_INTERVAL_SECONDS: String(interval) });
    try {
      for (const name of ["x", "y", "z"]) await syncing.start(name);
      // Count from the start of the next interval, for five intervals.
      const from = Math.ceil(Date.now() / (interval * 1000)) * interval * 1000;
      const to = from + 5 * interval * 1000;
      await new Promise((resolve) => setTimeout(resolve, to - Date.now() + 500));
      const listings = services.flow.requests().filter((r) => r.method === "GET" && /\/connections$/.test(r.path) && !r.query.includes("continuationToken") && r.at >= from && r.at < to);
      expect(listings).toHaveLength(5);
      // The queue's own record: one job per interval, each finished. Counted by the interval the
      // job belongs to, not by when its audit was written: a job picked up late in its interval
      // finishes (and audits) after the window closes.
      const jobsOfWindow = async () =>
        (await db.$queryRawUnsafe<{ state: string }[]>(
          `SELECT state FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND extract(epoch FROM singleton_on) * 1000 >= $2 AND extract(epoch FROM singleton_on) * 1000 < $3 ORDER BY singleton_on`,
          QUEUES.syncSandbox,
          from,
          to,
        )).map((job) => job.state);
      await expect.poll(jobsOfWindow, { timeout: 30_000, interval: 500 }).toEqual(["completed", "completed", "completed", "completed", "completed"]);
      // And the console's: the sandbox's last complete sync is the window's last one (the audit
      // trail is no proof: a scheduled sync that changes nothing is not audited).
      await expect.poll(async () => (await lastCompleteSync("prod"))?.startedAt.getTime() ?? 0, { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(to - interval * 1000);
    } finally {
      await syncing.stopAll();
    }
  });

  it("two instances planning automatic rotations: each due connection is rotated once, and an expired token alerts once", async () => {
    const receiver = await startReceiver();
    const endpoint = await registerEndpoint({ name: "Cluster alerts", url: `${receiver.url}/alerts`, events: ["token.expired"] });
    const due: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const { remoteId } = await createDemoConnection(`Policy ${i}`, { email: "setup@example.com" });
      await setRotationSource("prod", remoteId, { roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 3_600 }, { email: "setup@example.com" });
      await setConnectionPolicy("prod", remoteId, { mode: "on", thresholdPercent: null, minLeadMinutes: null }, { email: "setup@example.com" });
      due.push(remoteId);
    }
    const forgotten = await createDemoConnection("Expired, no policy", { email: "setup@example.com" });
    await db.connection.updateMany({ where: { remoteId: forgotten.remoteId }, data: { sessionTokenSetAt: new Date(Date.now() - 3_600_000), sessionTokenExpiresAt: new Date(Date.now() - 60_000) } });
    services.flow.clearRequests();
    const planning = new Cluster(inject("databaseUrl"), { ROTATION_PLAN_SECONDS: "1" });
    try {
      await planning.start("p");
      await planning.start("q");
      // Unknown expiries are taken over within 30 s (spread per connection); then nothing is due for 45 min.
      await expect.poll(() => db.auditEvent.count({ where: { action: "connection.rotation_completed", targetId: { in: due } } }), { timeout: 120_000, interval: 1_000 }).toBe(due.length);
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const successes = services.flow.requests().filter((r) => r.method === "PATCH" && r.status === 200).map((r) => r.path.split("/").pop());
      expect(due.map((id) => successes.filter((s) => s === id).length)).toEqual(due.map(() => 1));
      expect(services.flow.requests().filter((r) => r.status === 412)).toHaveLength(0);
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(receiver.received).toHaveLength(1);
      expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: "token.expired", connection: { remoteId: forgotten.remoteId } });
      expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    } finally {
      await planning.stopAll();
      await receiver.close();
    }
  });
});
