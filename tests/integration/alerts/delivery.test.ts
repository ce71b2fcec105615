// raiseAlert through the real queue to real HTTP receivers: each alert is recorded once per dedupe
// key and delivered once to each subscribed, enabled endpoint, signed so that README's
// verification example accepts it; nothing is recorded or sent when the caller's transaction
// rolls back; and a receiver that does not answer never holds up the caller.
import "../support/next-request";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { sendTestWebhookAction, setWebhookEndpointEnabledAction } from "@/app/(console)/settings/webhooks/actions";
import { raiseAlert } from "@/lib/alerts";
import { db } from "@/lib/db";
import { signInForTest } from "../support/next-request";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { deliveriesOf, registerEndpoint, useWebhookDelivery, waitForDelivery } from "../support/webhooks";

const FAILED = {
  type: "rotation.failed" as const,
  sandbox: "prod",
  connection: { remoteId: "conn-orders", name: "Orders feed" },
  step: "test" as const,
  requestId: "req-test-1",
  message: "Rotation of Orders feed failed at step test: AEP could not read the folder.",
};

describe(`alerts delivered as signed webhooks (${inject("databaseTarget")})`, () => {
  const verify = useWebhookDelivery();
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it("delivers an alert once to each subscribed, enabled endpoint, with a signature README's example accepts", async () => {
    const json = await registerEndpoint({ name: "Ops", url: `${receiver.url}/ops`, events: ["rotation.failed", "token.expired"] });
    const slack = await registerEndpoint({ name: "Slack", url: `${receiver.url}/slack`, events: ["rotation.failed"], format: "slack" });
    await registerEndpoint({ name: "Expiry only", url: `${receiver.url}/expiry`, events: ["token.expired"] });
    const disabled = await registerEndpoint({ name: "Disabled", url: `${receiver.url}/disabled`, events: ["rotation.failed"] });
    expect(await setWebhookEndpointEnabledAction(disabled.id, false)).toMatchObject({ ok: true });

    const raised = await raiseAlert({ ...FAILED, dedupeKey: "rotation.failed:conn-orders:run-1" });
    expect(raised).toMatchObject({ created: true, deliveries: 2 });

    const delivered = await waitForDelivery(json.id, (d) => d.status === "delivered");
    expect(delivered).toMatchObject({ attempts: 1, responseStatus: 204, lastError: null });
    await waitForDelivery(slack.id, (d) => d.status === "delivered");
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/ops", "/slack"]);

    const ops = receiver.received.find((r) => r.path === "/ops")!;
    expect(verify(ops.body, ops.headers["x-s3console-signature"] as string, json.secret)).toBe(true);
    // Another endpoint's secret does not verify it: each endpoint signs with its own.
    expect(verify(ops.body, ops.headers["x-s3console-signature"] as string, slack.secret)).toBe(false);
    expect(ops.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "S3SourceConsole-Webhooks/1",
      "x-s3console-event-id": raised.event.id,
      "x-s3console-event": "rotation.failed",
      "x-s3console-delivery-id": delivered.id,
    });
    expect(JSON.parse(ops.body)).toEqual({
      version: 1,
      id: raised.event.id,
      type: "rotation.failed",
      time: raised.event.occurredAt.toISOString(),
      sandbox: "prod",
      connection: { remoteId: "conn-orders", name: "Orders feed" },
      step: "test",
      requestId: "req-test-1",
      text: FAILED.message,
    });

    const toSlack = receiver.received.find((r) => r.path === "/slack")!;
    expect(verify(toSlack.body, toSlack.headers["x-s3console-signature"] as string, slack.secret)).toBe(true);
    const slackBody = JSON.parse(toSlack.body) as { text: string; blocks: unknown[] };
    expect(Object.keys(slackBody).sort()).toEqual(["blocks", "text"]);
    expect(slackBody.text).toContain(FAILED.message);
    expect(JSON.stringify(slackBody.blocks)).toContain(raised.event.id);
  });

  it("delivers one webhook for one dedupe key, however often and however concurrently it is raised", async () => {
    const endpoint = await registerEndpoint({ name: "Ops", url: `${receiver.url}/ops`, events: ["token.expired"] });
    const alert = { type: "token.expired" as const, sandbox: "prod", connection: { remoteId: "conn-a", name: "A" }, message: "The session token of A expired.", dedupeKey: "token.expired:conn-a:2026-11-30T03:00:00Z" };
    const first = await raiseAlert(alert);
    const again = await raiseAlert({ ...alert, message: "A different line: still the same alert." });
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => raiseAlert(alert)));
    expect(first.created).toBe(true);
    expect([again, ...concurrent].every((result) => !result.created && result.deliveries === 0 && result.event.id === first.event.id)).toBe(true);
    expect(again.event.message).toBe(alert.message);

    // Concurrent first raises of a new key: exactly one records it.
    const racing = await Promise.all(Array.from({ length: 8 }, () => raiseAlert({ ...alert, dedupeKey: "token.expired:conn-a:race" })));
    expect(racing.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(racing.map((result) => result.event.id)).size).toBe(1);

    await expect.poll(() => db.webhookDelivery.count({ where: { status: "delivered" } }), { timeout: 30_000 }).toBe(2);
    expect(await db.alertEvent.count()).toBe(2);
    expect(await deliveriesOf(endpoint.id)).toHaveLength(2);
    const eventIds = receiver.received.map((r) => r.headers["x-s3console-event-id"]);
    expect(eventIds.sort()).toEqual([first.event.id, racing[0]!.event.id].sort());
    const [row] = await db.$queryRawUnsafe<{ count: number }[]>("SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'deliver-webhook'");
    expect(row?.count).toBe(2);
  });

  it("records and queues nothing when the caller's transaction rolls back; everything when it commits", async () => {
    await registerEndpoint({ name: "Ops", url: `${receiver.url}/ops`, events: ["sync.failed"] });
    const alert = { type: "sync.failed" as const, sandbox: "dev", message: "Sync of dev failed: Flow Service answered 503.", dedupeKey: "sync.failed:dev:1" };
    await expect(
      db.$transaction(async (tx) => {
        await raiseAlert(alert, tx);
        throw new Error("the caller's change failed");
      }),
    ).rejects.toThrow("the caller's change failed");
    expect(await db.alertEvent.count()).toBe(0);
    expect(await db.webhookDelivery.count()).toBe(0);
    const [jobs] = await db.$queryRawUnsafe<{ count: number }[]>("SELECT count(*)::int AS count FROM pgboss.job WHERE name = 'deliver-webhook'");
    expect(jobs?.count).toBe(0);

    const committed = await db.$transaction((tx) => raiseAlert(alert, tx));
    expect(committed).toMatchObject({ created: true, deliveries: 1 });
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: "sync.failed", sandbox: "dev", connection: null, step: null, requestId: null });
  });

  it("returns to the caller while a receiver holds a delivery unanswered", async () => {
    receiver.answer(() => "hang");
    await registerEndpoint({ name: "Stuck", url: `${receiver.url}/stuck`, events: ["token.expiring"] });
    const alert = { type: "token.expiring" as const, sandbox: "prod", message: "Token of B expires in 2 hours.", dedupeKey: "token.expiring:b:1" };
    await raiseAlert(alert);
    await expect.poll(() => receiver.pending(), { timeout: 30_000 }).toBe(1);
    // The first delivery is still held by the receiver: the next raise does not wait for it.
    const second = await raiseAlert({ ...alert, dedupeKey: "token.expiring:b:2" });
    expect(second.created).toBe(true);
    expect(receiver.pending()).toBeGreaterThanOrEqual(1);
  });

  it("sends a test event through the same queue, and refuses one for a disabled endpoint", async () => {
    const endpoint = await registerEndpoint({ name: "Ops", url: `${receiver.url}/ops`, events: ["sync.failed"] });
    const sent = await sendTestWebhookAction(endpoint.id);
    expect(sent).toMatchObject({ ok: true, data: { name: "Ops" } });
    const delivery = await waitForDelivery(endpoint.id, (d) => d.status === "delivered");
    expect(delivery.attempts).toBe(1);
    const request = receiver.received[0]!;
    expect(verify(request.body, request.headers["x-s3console-signature"] as string, endpoint.secret)).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({ type: "test", sandbox: "prod", text: expect.stringContaining("sent by admin@example.com") });
    expect(await db.auditEvent.findFirst({ where: { action: "webhook.test" } })).toMatchObject({ targetType: "webhook", targetId: endpoint.id, actorEmail: "admin@example.com" });

    await setWebhookEndpointEnabledAction(endpoint.id, false);
    expect(await sendTestWebhookAction(endpoint.id)).toEqual({ ok: false, error: { code: "disabled", message: "Ops is disabled: enable it to send a test event." } });
    await signInForTest("operator");
    expect(await sendTestWebhookAction(endpoint.id)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await db.alertEvent.count()).toBe(1);
  });
});
