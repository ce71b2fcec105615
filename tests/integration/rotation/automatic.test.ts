// Zero-click rotation: the planner gives connections their next rotation time, starts automatic
// runs for those that are due, and raises one expiry alert per token for those nobody renews.
import "../support/next-request";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { QUEUES, startJobSystem, stopJobSystem } from "@/lib/jobs";
import { planRotations } from "@/lib/rotation-policy/plan";
import { setPaused } from "@/lib/rotation-policy/set-policy";
import { deliverWebhookJob } from "@/lib/alerts";
import { giveUpItem } from "@/lib/runs/finish";
import { rotateRunItem } from "@/lib/runs/rotate-item";
import { DEMO_FOLDER } from "@/simulators/s3/demo";
import { DEMO_ROTATION_ROLE_ARN } from "@/simulators/sts";
import { createDemoConnection } from "../support/connections";
import { useTestServices } from "../support/use-test-services";
import { resetDatabase } from "../support/reset";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { registerEndpoint, setQuickWebhookRetries } from "../support/webhooks";
import { loadReadmeVerifier } from "../../fixtures/webhooks/readme-verifier";

const actor = { email: "ops@example.com" };
const MINUTE = 60_000;

async function connection(name: string, options: { source?: boolean; expiresInMs?: number } = {}) {
  const { remoteId } = await createDemoConnection(name, actor, { folderPath: DEMO_FOLDER });
  if (options.source !== false) await setRotationSource("prod", remoteId, { roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 3_600 }, actor);
  if (options.expiresInMs !== undefined) await db.connection.updateMany({ where: { remoteId }, data: { sessionTokenExpiresAt: new Date(Date.now() + options.expiresInMs) } });
  return db.connection.findFirstOrThrow({ where: { remoteId } });
}

async function waitRun(runId: string) {
  await expect.poll(async () => (await db.rotationRun.findUniqueOrThrow({ where: { id: runId } })).status, { timeout: 90_000, interval: 250 }).toBe("finished");
  return db.rotationRun.findUniqueOrThrow({ where: { id: runId }, include: { items: true } });
}

describe(`automatic rotation (${inject("databaseTarget")})`, () => {
  const services = useTestServices();
  let receiver: Receiver;
  beforeAll(async () => {
    // Quick retries: a failing test step is retried four times before it alerts.
    process.env.JOB_RETRY_DELAY_SECONDS = "1";
    resetServerEnv();
    setQuickWebhookRetries();
    receiver = await startReceiver();
    await startJobSystem([
      { queue: QUEUES.rotateConnection, workers: 4, handler: rotateRunItem },
      { queue: QUEUES.rotationGaveUp, workers: 1, handler: giveUpItem },
      { queue: QUEUES.deliverWebhook, workers: 1, handler: deliverWebhookJob },
    ]);
  });
  afterAll(async () => {
    await stopJobSystem();
    await receiver.close();
  });
  beforeEach(async () => {
    await resetDatabase();
    services.flow.clearFaults();
    services.flow.clearRequests();
  });

  it("rotates what is due in four steps, plans the next one, and does not start it twice", async () => {
    const due = await connection("Due soon", { expiresInMs: 5 * MINUTE });
    const later = await connection("Later", { expiresInMs: 5 * 60 * MINUTE });
    const [report] = await planRotations();
    expect(report).toMatchObject({ sandbox: "prod", started: 1, planned: 1 });
    // While the first run is under way, the next pass starts nothing again.
    expect((await planRotations())[0]).toMatchObject({ started: 0 });
    const run = await waitRun(report!.runId!);
    expect(run).toMatchObject({ trigger: "automatic", mode: "sts", total: 1 });
    expect(run.items[0]).toMatchObject({ connectionId: due.id, status: "done" });
    expect((run.items[0]!.steps as { step: string; status: string }[]).map((step) => `${step.step}:${step.status}`)).toEqual(["mint:done", "set:done", "test:done", "finish:done"]);

    const rotated = await db.connection.findUniqueOrThrow({ where: { id: due.id }, include: { autoRotation: true } });
    expect(rotated.sessionTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 55 * MINUTE);
    expect(rotated.autoRotation).toMatchObject({ state: "ok", lastResult: "success", lastRunId: run.id });
    const lead = rotated.sessionTokenExpiresAt!.getTime() - rotated.autoRotation!.nextRotationAt!.getTime();
    expect(lead).toBeGreaterThanOrEqual(15 * MINUTE);
    expect(lead).toBeLessThanOrEqual(18 * MINUTE);
    const laterRow = await db.autoRotation.findUniqueOrThrow({ where: { connectionId: later.id } });
    expect(laterRow.nextRotationAt!.getTime()).toBeGreaterThan(Date.now() + 4 * 60 * MINUTE);
    expect(await db.auditEvent.count({ where: { action: "connection.rotation_completed", details: { path: ["trigger"], equals: "automatic" } } })).toBe(1);
    expect((await planRotations())[0]).toMatchObject({ started: 0 });
  });

  it("a paused policy is not rotated; a token nobody renews alerts once per token", async () => {
    const paused = await connection("Paused", { expiresInMs: 5 * MINUTE });
    await setPaused("prod", paused.remoteId, true, actor);
    const manual = await connection("No source", { source: false, expiresInMs: 2 * 60 * MINUTE });
    const expired = await connection("Expired", { source: false, expiresInMs: -MINUTE });
    const [first] = await planRotations();
    expect(first).toMatchObject({ started: 0, alerts: 3 });
    expect((await planRotations())[0]).toMatchObject({ alerts: 0 });
    const rows = await db.connection.findMany({ where: { id: { in: [paused.id, manual.id, expired.id] } } });
    expect(rows.find((row) => row.id === paused.id)!.expiringAlertedFor).toEqual(paused.sessionTokenExpiresAt);
    expect(rows.find((row) => row.id === manual.id)!.expiringAlertedFor).toEqual(manual.sessionTokenExpiresAt);
    expect(rows.find((row) => row.id === expired.id)!.expiredAlertedFor).toEqual(expired.sessionTokenExpiresAt);
    expect(services.flow.requests().filter((r) => r.method === "PATCH")).toHaveLength(0);
    // A new token (a person rotated it by hand) is a new token to alert about.
    await db.connection.update({ where: { id: manual.id }, data: { sessionTokenExpiresAt: new Date(Date.now() + 3 * 60 * MINUTE) } });
    expect((await planRotations())[0]).toMatchObject({ alerts: 1 });
  });

  it("a test step that keeps failing is retried, then the rotation is recorded as failed at that step and alerted", async () => {
    const endpoint = await registerEndpoint({ name: "Rotation alerts", url: `${receiver.url}/alerts`, events: ["rotation.failed"] });
    const failing = await connection("Explore refused", { expiresInMs: 5 * MINUTE });
    services.flow.addFault({ method: "GET", pathPattern: "/explore$", kind: "status", status: 400, times: 1_000 });
    const [report] = await planRotations();
    await expect.poll(async () => (await db.rotationRunItem.findFirst({ where: { runId: report!.runId! } }))?.status, { timeout: 120_000, interval: 500 }).toBe("failed");
    const item = await db.rotationRunItem.findFirstOrThrow({ where: { runId: report!.runId! } });
    expect(item.attempts).toBe(5);
    expect(item.message).toMatch(/^test step: Flow Service could not read the connection's folder with the new credentials/);
    expect((item.steps as { step: string; status: string }[]).map((step) => `${step.step}:${step.status}`)).toEqual(["mint:done", "set:done", "test:failed"]);
    // Minted and set once: the retries resumed at the test step.
    expect(services.flow.requests().filter((r) => r.method === "PATCH" && r.status === 200)).toHaveLength(1);
    const state = await db.autoRotation.findUniqueOrThrow({ where: { connectionId: failing.id } });
    expect(state).toMatchObject({ state: "failing", lastResult: "failure", lastStep: "test" });
    expect(state.nextRotationAt!.getTime()).toBeGreaterThan(Date.now());
    // rotation.failed, once, signed as README's example checks it.
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(1);
    const delivery = receiver.received[0]!;
    expect((await loadReadmeVerifier())(delivery.body, delivery.headers["x-s3console-signature"] as string, endpoint.secret)).toBe(true);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: "rotation.failed", step: "test", connection: { remoteId: failing.remoteId, name: "Explore refused" } });
  });
});
