// Receivers that are down, slow, failing or disabled: deliveries are retried with backoff through
// the queue and arrive once the receiver is back; a slow receiver's attempt times out and is
// retried; retries run out into "failed"; disabling an endpoint stops its deliveries at once.
// Retries here start after 1 s (WEBHOOK_RETRY_DELAY_SECONDS) and attempts time out after 1 s.
import "../support/next-request";
import { afterEach, describe, expect, inject, it } from "vitest";
import { allowOutbound } from "../support/outbound";
import { setWebhookEndpointEnabledAction } from "@/app/(console)/settings/webhooks/actions";
import { raiseAlert, webhookGaveUpJob } from "@/lib/alerts";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/background";
import { db } from "@/lib/db";
import { freePort } from "@/scripts/free-port";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { deliveriesOf, registerEndpoint, useWebhookDelivery, waitForDelivery } from "../support/webhooks";

const alert = (key: string) => ({ type: "rotation.needs_attention" as const, sandbox: "prod", connection: { remoteId: "conn-x", name: "X" }, step: "set" as const, message: "Credentials of X were changed elsewhere during rotation.", dedupeKey: key });

async function jobState(deliveryId: string): Promise<string | undefined> {
  const rows = await db.$queryRawUnsafe<{ state: string }[]>("SELECT state::text AS state FROM pgboss.job WHERE id = $1::uuid UNION ALL SELECT state::text FROM pgboss.archive WHERE id = $1::uuid", deliveryId);
  return rows[0]?.state;
}

describe(`webhook retries (${inject("databaseTarget")})`, () => {
  const verify = useWebhookDelivery({ timeoutSeconds: 1, retryLimit: 3 });
  const receivers: Receiver[] = [];
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  };
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  it("reaches a receiver that refused, then answered 500, once it answers 200; the log shows each attempt", async () => {
    const port = await freePort();
    allowOutbound(`http://127.0.0.1:${port}`);
    const endpoint = await registerEndpoint({ name: "Flaky", url: `http://127.0.0.1:${port}/hook`, events: ["rotation.needs_attention"] });
    const raised = await raiseAlert(alert("needs-attention:1"));

    // Nothing listens yet: the first attempt is refused and a retry is scheduled.
    const refused = await waitForDelivery(endpoint.id, (d) => d.attempts === 1 && d.status === "retrying");
    expect(refused).toMatchObject({ responseStatus: null, lastError: "Could not reach the endpoint: the connection was refused (nothing is listening there)." });

    // Back up, but failing once with a 500, then answering 200.
    const back = await receiver((_request, index) => ({ status: index === 0 ? 500 : 200 }), port);
    const failed = await waitForDelivery(endpoint.id, (d) => d.attempts === 2 && d.status === "retrying");
    expect(failed).toMatchObject({ responseStatus: 500, lastError: "The endpoint answered 500." });
    const delivered = await waitForDelivery(endpoint.id, (d) => d.status === "delivered");
    expect(delivered).toMatchObject({ attempts: 3, responseStatus: 200, lastError: null });
    expect(delivered.finishedAt).not.toBeNull();

    // Both requests it saw carry the same event and body, each validly signed at its own time.
    expect(back.received).toHaveLength(2);
    for (const request of back.received) {
      expect(request.headers["x-s3console-event-id"]).toBe(raised.event.id);
      expect(verify(request.body, request.headers["x-s3console-signature"] as string, endpoint.secret)).toBe(true);
    }
    expect(back.received[0]!.body).toBe(back.received[1]!.body);
    // Backoff: the second retry waited longer than the first retry's minimum.
    expect(back.received[1]!.at - back.received[0]!.at).toBeGreaterThanOrEqual(2_000);
  });

  it("times out a slow receiver and retries; the retry gets through", async () => {
    const slow = await receiver((_request, index) => (index === 0 ? { status: 200, delayMs: 5_000 } : { status: 202 }));
    const endpoint = await registerEndpoint({ name: "Slow", url: `${slow.url}/hook`, events: ["rotation.needs_attention"] });
    await raiseAlert(alert("needs-attention:slow"));
    const timedOut = await waitForDelivery(endpoint.id, (d) => d.attempts === 1 && d.status === "retrying");
    expect(timedOut).toMatchObject({ responseStatus: null, lastError: "No answer within 1 s." });
    const delivered = await waitForDelivery(endpoint.id, (d) => d.status === "delivered");
    expect(delivered).toMatchObject({ attempts: 2, responseStatus: 202 });
    expect(slow.received).toHaveLength(2);
  });

  it("marks a delivery failed once its retries are used up, and stops there", async () => {
    const down = await receiver(() => ({ status: 503 }));
    const endpoint = await registerEndpoint({ name: "Down", url: `${down.url}/hook`, events: ["rotation.needs_attention"] });
    await raiseAlert(alert("needs-attention:down"));
    const failed = await waitForDelivery(endpoint.id, (d) => d.status === "failed", 60_000);
    // One attempt and WEBHOOK_RETRY_LIMIT (3) retries.
    expect(failed).toMatchObject({ attempts: 4, responseStatus: 503, lastError: "The endpoint answered 503." });
    expect(down.received).toHaveLength(4);
    await expect.poll(() => jobState(failed.id), { timeout: 10_000 }).toBe("completed");
  });

  it("marks failed, with its last error, a delivery whose last attempt never reported back (its dead letter)", async () => {
    const silent = await receiver(() => "hang");
    const endpoint = await registerEndpoint({ name: "Lost", url: `${silent.url}/hook`, events: ["rotation.needs_attention"] });
    await stopBackgroundWork();
    try {
      await raiseAlert(alert("needs-attention:lost"));
      // As an instance killed in the middle of its last attempt leaves it.
      const [delivery] = await deliveriesOf(endpoint.id);
      await db.webhookDelivery.update({ where: { id: delivery!.id }, data: { status: "sending", attempts: 4, lastError: "No answer within 1 s." } });
      expect(await webhookGaveUpJob({ v: 1, deliveryId: delivery!.id })).toEqual({ state: "failed" });
      expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "failed", attempts: 4, lastError: "Gave up after 4 attempts; the last one never reported back. Last error: No answer within 1 s." });
      // A finished delivery is left as it is.
      expect(await webhookGaveUpJob({ v: 1, deliveryId: delivery!.id })).toEqual({ skipped: "failed" });
    } finally {
      await startBackgroundWork();
    }
  });

  it("stops deliveries when the endpoint is disabled: pending retries are cancelled, new alerts are not queued", async () => {
    const failing = await receiver(() => ({ status: 500 }));
    const endpoint = await registerEndpoint({ name: "Noisy", url: `${failing.url}/hook`, events: ["rotation.needs_attention"] });
    await raiseAlert(alert("needs-attention:noisy"));
    const retrying = await waitForDelivery(endpoint.id, (d) => d.status === "retrying");
    expect(await setWebhookEndpointEnabledAction(endpoint.id, false)).toMatchObject({ ok: true, data: { enabled: false, cancelled: 1 } });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "cancelled", lastError: "Not sent: the endpoint was disabled." });
    await expect.poll(() => jobState(retrying.id)).toBe("cancelled");
    const seen = failing.received.length;

    expect(await raiseAlert(alert("needs-attention:while-disabled"))).toMatchObject({ created: true, deliveries: 0 });
    // Enabling again sends new alerts only: the cancelled delivery stays cancelled.
    await setWebhookEndpointEnabledAction(endpoint.id, true);
    failing.answer(() => ({ status: 200 }));
    await raiseAlert(alert("needs-attention:after"));
    await expect.poll(async () => (await deliveriesOf(endpoint.id)).map((d) => d.status), { timeout: 30_000 }).toEqual(["cancelled", "delivered"]);
    expect(failing.received).toHaveLength(seen + 1);
    expect(JSON.parse(failing.received.at(-1)!.body)).toMatchObject({ type: "rotation.needs_attention" });
    expect(await db.auditEvent.findMany({ where: { action: { in: ["webhook.disable", "webhook.enable"] } }, orderBy: { occurredAt: "asc" }, select: { action: true, details: true } })).toEqual([
      { action: "webhook.disable", details: { name: "Noisy", deliveriesCancelled: 1 } },
      { action: "webhook.enable", details: { name: "Noisy", deliveriesCancelled: 0 } },
    ]);
  });
});
