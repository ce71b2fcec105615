// Webhook test helpers: a suite's delivery set-up, register endpoints through the real action (as
// an admin), and wait for the delivery log to say something.
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createWebhookEndpointAction } from "@/app/(console)/settings/webhooks/actions";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/background";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { loadReadmeVerifier, type ReadmeVerifier } from "@/tests/fixtures/webhooks/readme-verifier";
import { signInForTest } from "./next-request";
import { resetDatabase } from "./reset";

/** Quick retries and a short attempt deadline, read when the queue starts. */
export function setQuickWebhookRetries(settings: { timeoutSeconds?: number; retryLimit?: number } = {}): void {
  Object.assign(process.env, {
    WEBHOOK_RETRY_DELAY_SECONDS: "1",
    WEBHOOK_TIMEOUT_SECONDS: String(settings.timeoutSeconds ?? 2),
    WEBHOOK_RETRY_LIMIT: String(settings.retryLimit ?? 3),
    SYNC_INTERVAL_SECONDS: "0",
  });
  resetServerEnv();
}

type RetrySettings = Parameters<typeof setQuickWebhookRetries>[0];

/**
 * A delivery suite's set-up, registered as its hooks: quick retries (read when the queue starts),
 * the queue's background work running for the whole suite, and an empty database before each
 * test. Returns README's signature verifier, which the suite's tests can call once it has started.
 * Called first in a `describe`, its hooks run before the suite's own (sign in, start receivers).
 */
export function useWebhookDelivery(settings?: RetrySettings): ReadmeVerifier {
  let verifier: ReadmeVerifier | undefined;
  beforeAll(async () => {
    setQuickWebhookRetries(settings);
    verifier = await loadReadmeVerifier();
    await resetDatabase();
    await startBackgroundWork();
  });
  afterAll(async () => {
    await stopBackgroundWork();
  });
  beforeEach(async () => {
    await resetDatabase();
  });
  return (...args) => {
    if (!verifier) throw new Error("useWebhookDelivery's verifier was called before the suite started: call it inside a test");
    return verifier(...args);
  };
}

export async function registerEndpoint(input: { name: string; url: string; events: string[]; format?: "json" | "slack" }): Promise<{ id: string; secret: string }> {
  await signInForTest("admin");
  const created = await createWebhookEndpointAction({ format: "json", ...input });
  if (!created.ok) throw new Error(`could not register ${input.url}: ${JSON.stringify(created.error)}`);
  return { id: created.data.id, secret: created.data.secret };
}

export async function deliveriesOf(endpointId: string) {
  return db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } });
}

/** Waits until the endpoint's only delivery satisfies `until`, and returns it. */
export async function waitForDelivery(endpointId: string, until: (delivery: { status: string; attempts: number; responseStatus: number | null; lastError: string | null }) => boolean, timeout = 30_000) {
  await expect
    .poll(async () => {
      const [delivery] = await deliveriesOf(endpointId);
      return delivery ? until(delivery) : false;
    }, { timeout, interval: 100 })
    .toBe(true);
  const [delivery] = await deliveriesOf(endpointId);
  return delivery!;
}
