// The deliver-webhook job: one signed POST of one alert to one endpoint. A failed attempt throws,
// so the queue retries it with exponential backoff; the last attempt marks the delivery failed
// instead. Safe to run twice (a retry after a killed instance): receivers deduplicate on the
// event id header, and a finished delivery is never sent again.
import "server-only";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { AlertEvent } from "@/lib/generated/prisma/client";
import type { JobContext, Payload } from "@/lib/jobs";
import { log } from "@/lib/log";
import { redactSecrets } from "@/lib/net/network-words";
import { postWebhook } from "./deliver-http";
import type { WebhookFormat } from "./endpoint-schema";
import type { DeliveredEventType } from "./events";
import { buildPayload, type AlertFacts } from "./payload";
import { openEndpoint } from "./sealed";
import { DELIVERY_ID_HEADER, EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signatureHeaderValue } from "./signature";

export const OPEN_DELIVERY_STATES = ["queued", "sending", "retrying"] as const;
export const USER_AGENT = "S3SourceConsole-Webhooks/1";

const DISABLED = "Not sent: the endpoint was disabled.";
const UNREADABLE = "The endpoint's URL and secret cannot be unsealed: AUTH_SECRET is not the one they were registered under. Register the endpoint again.";

export function alertFacts(event: AlertEvent): AlertFacts {
  return { ...event, type: event.type as DeliveredEventType };
}

/** The request of one attempt: the same body every time, signed at the attempt's own time. */
export function signedRequest(event: AlertEvent, deliveryId: string, format: WebhookFormat, secrets: string[], now = new Date()): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(buildPayload(alertFacts(event), format));
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      [EVENT_ID_HEADER]: event.id,
      [EVENT_TYPE_HEADER]: event.type,
      [DELIVERY_ID_HEADER]: deliveryId,
      [SIGNATURE_HEADER]: signatureHeaderValue(secrets, timestamp, body),
    },
  };
}

async function close(deliveryId: string, status: "cancelled" | "failed", lastError: string): Promise<void> {
  await db.webhookDelivery.updateMany({ where: { id: deliveryId, status: { in: [...OPEN_DELIVERY_STATES] } }, data: { status, lastError, finishedAt: new Date() } });
}

export async function deliverWebhookJob(payload: Payload<"deliver-webhook">, job: JobContext): Promise<object> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: payload.deliveryId }, include: { endpoint: true, event: true } });
  // Its endpoint was deleted (deliveries go with it).
  if (!delivery) return { skipped: "gone" };
  if (!(OPEN_DELIVERY_STATES as readonly string[]).includes(delivery.status)) return { skipped: delivery.status };
  const { endpoint, event } = delivery;
  if (!endpoint.enabled) {
    await close(delivery.id, "cancelled", DISABLED);
    return { state: "cancelled" };
  }
  const opened = openEndpoint(endpoint.id, endpoint);
  const fields = { deliveryId: delivery.id, endpointId: endpoint.id, eventId: event.id, alertType: event.type, attempt: delivery.attempts + 1 };
  if (!opened) {
    log.error(fields, "webhook endpoint cannot be unsealed; delivery failed");
    await close(delivery.id, "failed", UNREADABLE);
    return { state: "failed" };
  }
  // Counted before the call: an attempt cut short by a dying instance still shows in the log.
  const started = await db.webhookDelivery.updateMany({
    where: { id: delivery.id, status: { in: [...OPEN_DELIVERY_STATES] } },
    data: { status: "sending", attempts: { increment: 1 }, lastAttemptAt: new Date() },
  });
  if (started.count === 0) return { skipped: "finished meanwhile" };

  const request = signedRequest(event, delivery.id, endpoint.format as WebhookFormat, opened.secrets);
  const outcome = await postWebhook(opened.url, request.body, request.headers, serverEnv().WEBHOOK_TIMEOUT_SECONDS * 1_000);
  if (outcome.ok) {
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "delivered", responseStatus: outcome.status, lastError: null, finishedAt: new Date() } });
    log.info({ ...fields, status: outcome.status }, "webhook delivered");
    return { state: "delivered", status: outcome.status };
  }

  const last = job.retryCount >= job.retryLimit;
  // The messages are the console's own words; the redaction only guards against a future change.
  const error = redactSecrets(outcome.error, [opened.url, ...opened.secrets]);
  const recorded = await db.webhookDelivery.updateMany({
    // Still "sending": an admin may have disabled the endpoint meanwhile (then it stays cancelled).
    where: { id: delivery.id, status: "sending" },
    data: last ? { status: "failed", responseStatus: outcome.status, lastError: error, finishedAt: new Date() } : { status: "retrying", responseStatus: outcome.status, lastError: error },
  });
  // `reason`, not `error`: the logger's error serializer would reduce this (already redacted) text to its type.
  log.warn({ ...fields, status: outcome.status, reason: error, lastAttempt: last }, last ? "webhook delivery failed; no retries left" : "webhook delivery attempt failed");
  if (last || recorded.count === 0) return { state: last ? "failed" : "cancelled" };
  // Thrown so that the queue schedules the retry with its backoff.
  throw new Error(`webhook delivery attempt ${fields.attempt} failed (${outcome.status ?? "no answer"}); retrying`);
}

/** A delivery whose job failed without reporting (its last attempt's instance died): say so. */
export async function webhookGaveUpJob(payload: Payload<"deliver-webhook-gave-up">): Promise<object> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: payload.deliveryId }, select: { status: true, attempts: true, lastError: true } });
  if (!delivery || !(OPEN_DELIVERY_STATES as readonly string[]).includes(delivery.status)) return { skipped: delivery?.status ?? "gone" };
  const last = delivery.lastError ? ` Last error: ${delivery.lastError}` : "";
  await close(payload.deliveryId, "failed", `Gave up after ${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}; the last one never reported back.${last}`);
  return { state: "failed" };
}
