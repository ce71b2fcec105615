// Settings → Webhook alerts through the real actions: bad input is refused field by field and
// changes nothing; the URL and secret are stored sealed; every change is audited; rolling keeps
// the previous secret signing for a day or stops it at once; deleting takes the log with it.
import "../support/next-request";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  rollWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEndpointEnabledAction,
  updateWebhookEndpointAction,
} from "@/app/(console)/settings/webhooks/actions";
import { raiseAlert } from "@/lib/alerts";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { signInForTest } from "../support/next-request";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { deliveriesOf, registerEndpoint, useWebhookDelivery, waitForDelivery } from "../support/webhooks";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe(`webhook endpoints in Settings (${inject("databaseTarget")})`, () => {
  const verify = useWebhookDelivery({ retryLimit: 0 });
  let receiver: Receiver;
  beforeEach(async () => {
    await signInForTest("admin");
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it("refuses bad registrations with one message per field, writing nothing", async () => {
    const result = await createWebhookEndpointAction({ name: " ", url: "http://alerts.example.com/hook", events: [], format: "xml" });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "validation",
        message: "Some fields need attention.",
        fields: {
          name: "Give the endpoint a name, for example “Ops Slack channel”.",
          url: "Use https. Plain http is accepted only for this machine (localhost, 127.0.0.1 or [::1]), for local testing.",
          events: "Choose at least one event.",
          format: "Choose the payload shape: JSON or Slack-compatible.",
        },
      },
    });
    expect(await createWebhookEndpointAction({ name: "x", url: "https://u:p@example.com/", events: ["token.expired"], format: "json" })).toMatchObject({ ok: false, error: { fields: { url: "Remove the user name and password from the URL: receivers check the console's signature instead." } } });
    expect(await db.webhookEndpoint.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("registers an endpoint: the secret is in the answer only, the URL and secret are sealed, the audit names the origin", async () => {
    const url = "https://hooks.slack.com/services/T0001/B0001/slackTokenInThePath123";
    const created = await createWebhookEndpointAction({ name: "  Ops Slack ", url, events: ["token.expired", "rotation.failed"], format: "slack" });
    expect(created).toMatchObject({ ok: true, data: { name: "Ops Slack", secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) } });
    if (!created.ok) return;
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row).toMatchObject({ name: "Ops Slack", urlDisplay: "https://hooks.slack.com/…", events: ["rotation.failed", "token.expired"], format: "slack", enabled: true, createdByEmail: "admin@example.com" });
    expect(JSON.stringify(row)).not.toContain(created.data.secret);
    expect(JSON.stringify(row)).not.toContain("slackTokenInThePath123");
    expect(row.sealedSecret).toMatch(/^v1\./);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.create" } });
    expect(audit).toMatchObject({ targetType: "webhook", targetId: created.data.id, outcome: "success", details: { name: "Ops Slack", url: "https://hooks.slack.com/…", events: ["rotation.failed", "token.expired"], format: "slack" } });
  });

  it("edits name, events and payload shape (never the URL), audited with before and after", async () => {
    const endpoint = await registerEndpoint({ name: "Ops", url: `${receiver.url}/ops`, events: ["token.expired"] });
    const updated = await updateWebhookEndpointAction(endpoint.id, { name: "Ops renamed", url: "https://elsewhere.example.com/", events: ["sync.failed"], format: "slack" });
    expect(updated).toEqual({ ok: true, data: { id: endpoint.id, name: "Ops renamed" } });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ name: "Ops renamed", events: ["sync.failed"], format: "slack", urlDisplay: receiver.url + "/…" });
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.update" } })).details).toEqual({
      before: { name: "Ops", events: ["token.expired"], format: "json" },
      after: { name: "Ops renamed", events: ["sync.failed"], format: "slack" },
    });
    // The alert goes to the URL it was registered with, in the new shape.
    await raiseAlert({ type: "sync.failed", sandbox: "prod", message: "Sync failed.", dedupeKey: "s1" });
    await waitForDelivery(endpoint.id, (d) => d.status === "delivered");
    expect(receiver.received[0]).toMatchObject({ path: "/ops" });
    expect(JSON.parse(receiver.received[0]!.body)).toHaveProperty("blocks");
  });

  it("says which endpoint is unknown or malformed, and changes nothing", async () => {
    const gone = { ok: false, error: { code: "not_found", message: "This webhook endpoint no longer exists. Reload the page." } };
    expect(await updateWebhookEndpointAction(UNKNOWN, { name: "x", events: ["sync.failed"], format: "json" })).toEqual(gone);
    expect(await setWebhookEndpointEnabledAction(UNKNOWN, false)).toEqual(gone);
    expect(await rollWebhookSecretAction(UNKNOWN, { previous: "expire-now" })).toEqual(gone);
    expect(await deleteWebhookEndpointAction(UNKNOWN)).toEqual(gone);
    expect(await sendTestWebhookAction(UNKNOWN)).toEqual(gone);
    expect(await deleteWebhookEndpointAction("../etc")).toEqual({ ok: false, error: { code: "validation", message: "This request does not name a valid webhook endpoint." } });
    expect(await setWebhookEndpointEnabledAction(UNKNOWN, "yes")).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("rolls the secret: with an overlap both secrets sign for a day; without, only the new one", async () => {
    const endpoint = await registerEndpoint({ name: "Ops", url: `${receiver.url}/ops`, events: ["token.expired"] });
    const kept = await rollWebhookSecretAction(endpoint.id, { previous: "keep-24h" });
    expect(kept).toMatchObject({ ok: true, data: { secret: expect.stringMatching(/^whsec_/), previousValidUntil: expect.any(String) } });
    if (!kept.ok) return;
    expect(kept.data.secret).not.toBe(endpoint.secret);
    const hours = (Date.parse(kept.data.previousValidUntil!) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    await sendTestWebhookAction(endpoint.id);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(1);
    const overlap = receiver.received[0]!;
    const header = overlap.headers["x-s3console-signature"] as string;
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verify(overlap.body, header, kept.data.secret)).toBe(true);
    expect(verify(overlap.body, header, endpoint.secret)).toBe(true);

    const stopped = await rollWebhookSecretAction(endpoint.id, { previous: "expire-now" });
    if (!stopped.ok) throw new Error(stopped.error.message);
    expect(stopped.data.previousValidUntil).toBeNull();
    await sendTestWebhookAction(endpoint.id);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
    const after = receiver.received[1]!;
    const single = after.headers["x-s3console-signature"] as string;
    expect(single.match(/v1=/g)).toHaveLength(1);
    expect(verify(after.body, single, stopped.data.secret)).toBe(true);
    expect(verify(after.body, single, kept.data.secret)).toBe(false);
    expect(verify(after.body, single, endpoint.secret)).toBe(false);
    const rolls = await db.auditEvent.findMany({ where: { action: "webhook.roll_secret" }, orderBy: { occurredAt: "asc" } });
    expect(rolls.map((r) => (r.details as { previousSignsUntil: string | null }).previousSignsUntil)).toEqual([kept.data.previousValidUntil, null]);
  });

  it("deletes an endpoint with its delivery log, and audits it", async () => {
    const endpoint = await registerEndpoint({ name: "Ops", url: `${receiver.url}/ops`, events: ["token.expired"] });
    await sendTestWebhookAction(endpoint.id);
    await waitForDelivery(endpoint.id, (d) => d.status === "delivered");
    expect(await deleteWebhookEndpointAction(endpoint.id)).toEqual({ ok: true, data: { id: endpoint.id, name: "Ops" } });
    expect(await db.webhookEndpoint.count()).toBe(0);
    expect(await deliveriesOf(endpoint.id)).toEqual([]);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "webhook.delete" } })).toMatchObject({ targetId: endpoint.id, details: { name: "Ops", url: `${receiver.url}/…`, deliveriesDropped: 0 } });
    expect(await raiseAlert({ type: "token.expired", sandbox: "prod", message: "Expired.", dedupeKey: "after-delete" })).toMatchObject({ deliveries: 0 });
  });

  it("fails a delivery, saying why, when AUTH_SECRET changed since the endpoint was registered", async () => {
    const endpoint = await registerEndpoint({ name: "Ops", url: `${receiver.url}/ops`, events: ["token.expired"] });
    const original = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another-auth-secret-0123456789abcdefghijkl";
    resetServerEnv();
    try {
      await raiseAlert({ type: "token.expired", sandbox: "prod", message: "Expired.", dedupeKey: "other-secret" });
      const failed = await waitForDelivery(endpoint.id, (d) => d.status === "failed");
      expect(failed).toMatchObject({ attempts: 0, lastError: "The endpoint's URL and secret cannot be unsealed: AUTH_SECRET is not the one they were registered under. Register the endpoint again." });
      expect(receiver.received).toHaveLength(0);
    } finally {
      process.env.AUTH_SECRET = original;
      resetServerEnv();
    }
  });
});
