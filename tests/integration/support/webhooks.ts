// Webhook test helpers: register endpoints through the real action (as an admin), and wait for
// the delivery log to say something.
import { expect } from "vitest";
import { createWebhookEndpointAction } from "@/app/(console)/settings/webhooks/actions";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { signInForTest } from "./next-request";

/** Quick retries and a short attempt deadline, read when the queue starts. */
export function useQuickWebhookRetries(settings: { timeoutSeconds?: number; retryLimit?: number } = {}): void {
  Object.assign(process.env, {
    WEBHOOK_RETRY_DELAY_SECONDS: "1",
    WEBHOOK_TIMEOUT_SECONDS: String(settings.timeoutSeconds ?? 2),
    WEBHOOK_RETRY_LIMIT: String(settings.retryLimit ?? 3),
    SYNC_INTERVAL_SECONDS: "0",
  });
  resetServerEnv();
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
