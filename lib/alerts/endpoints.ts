// What an admin does to webhook endpoints (Settings → Webhook alerts). Each change and its audit
// event are one transaction. The signing secret leaves the console twice only: in the answer to
// "register" and to "roll secret"; after that it exists sealed, for the workers.
import "server-only";
import { randomUUID } from "node:crypto";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cancelJobs, QUEUES } from "@/lib/jobs";
import { outboundPolicyFromEnv } from "@/lib/net/allowlist";
import { checkUrl } from "@/lib/net/guard";
import { OPEN_DELIVERY_STATES } from "./deliver";
import { displayWebhookUrl, type CreateEndpoint, type RollSecret, type UpdateEndpoint } from "./endpoint-schema";
import { sealWebhookSecret, sealWebhookUrl } from "./sealed";
import { generateSigningSecret } from "./signature";

export const NO_SUCH_ENDPOINT = "This webhook endpoint no longer exists. Reload the page.";
/** How long the previous secret keeps signing after "Roll secret" with an overlap. */
export const SECRET_OVERLAP_HOURS = 24;

export type CreatedEndpoint = { id: string; name: string; secret: string };
export type RolledSecret = { id: string; name: string; secret: string; previousValidUntil: string | null };

type EndpointAudit = { actor: AuditActor; action: string; endpointId: string; details: Record<string, unknown> };

function audit(tx: Prisma.TransactionClient, entry: EndpointAudit): Promise<void> {
  return recordAuditEvent({ actor: entry.actor, action: entry.action, targetType: "webhook", targetId: entry.endpointId, outcome: "success", details: entry.details }, tx);
}

export async function createEndpoint(actor: AuditActor, input: CreateEndpoint): Promise<ActionResult<CreatedEndpoint>> {
  // The egress guard says now what it would say at every delivery (names are checked again, on
  // the addresses they resolve to, when each delivery connects).
  const verdict = checkUrl(input.url, outboundPolicyFromEnv(process.env));
  if (!verdict.allowed) {
    const message = `${verdict.error.message} Deliveries may go to public https addresses, or to origins an administrator lists in OUTBOUND_ALLOW (for a receiver on this machine, add its origin there).`;
    return fail("validation", message, { fields: { url: message } });
  }
  const id = randomUUID();
  const secret = generateSigningSecret();
  const urlDisplay = displayWebhookUrl(input.url);
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.create({
      data: {
        id,
        name: input.name,
        sealedUrl: sealWebhookUrl(id, input.url),
        urlDisplay,
        events: input.events,
        format: input.format,
        sealedSecret: sealWebhookSecret(id, secret),
        createdById: actor.id ?? null,
        createdByEmail: actor.email,
      },
    });
    await audit(tx, { actor, action: "webhook.create", endpointId: id, details: { name: input.name, url: urlDisplay, events: input.events, format: input.format } });
  });
  return ok({ id, name: input.name, secret });
}

export async function updateEndpoint(actor: AuditActor, endpointId: string, input: UpdateEndpoint): Promise<ActionResult<{ id: string; name: string }>> {
  return db.$transaction(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { name: true, events: true, format: true } });
    if (!before) return fail("not_found", NO_SUCH_ENDPOINT);
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { name: input.name, events: input.events, format: input.format } });
    await audit(tx, { actor, action: "webhook.update", endpointId, details: { before, after: input } });
    return ok({ id: endpointId, name: input.name });
  });
}

/**
 * Disabling stops deliveries at once: queued and retrying ones are cancelled (the log says so),
 * and alerts raised while it is disabled are not queued for it. Enabling affects new alerts only.
 */
export async function setEndpointEnabled(actor: AuditActor, endpointId: string, enabled: boolean): Promise<ActionResult<{ id: string; name: string; enabled: boolean; cancelled: number }>> {
  const result = await db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { name: true, enabled: true } });
    if (!endpoint) return fail("not_found", NO_SUCH_ENDPOINT);
    if (endpoint.enabled === enabled) return ok({ id: endpointId, name: endpoint.name, enabled, cancelledIds: [] as string[] });
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled } });
    let cancelledIds: string[] = [];
    if (!enabled) {
      // "sending" is left to its worker: that attempt finishes, and is not retried.
      const open = await tx.webhookDelivery.findMany({ where: { endpointId, status: { in: ["queued", "retrying"] } }, select: { id: true } });
      cancelledIds = open.map((delivery) => delivery.id);
      await tx.webhookDelivery.updateMany({ where: { id: { in: cancelledIds } }, data: { status: "cancelled", lastError: "Not sent: the endpoint was disabled.", finishedAt: new Date() } });
    }
    await audit(tx, { actor, action: enabled ? "webhook.enable" : "webhook.disable", endpointId, details: { name: endpoint.name, deliveriesCancelled: cancelledIds.length } });
    return ok({ id: endpointId, name: endpoint.name, enabled, cancelledIds });
  });
  if (!result.ok) return result;
  // Their jobs would find the deliveries cancelled anyway; cancelling spares the queue the work.
  await cancelJobs(QUEUES.deliverWebhook, result.data.cancelledIds);
  return ok({ id: result.data.id, name: result.data.name, enabled: result.data.enabled, cancelled: result.data.cancelledIds.length });
}

export async function rollEndpointSecret(actor: AuditActor, endpointId: string, input: RollSecret): Promise<ActionResult<RolledSecret>> {
  const secret = generateSigningSecret();
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { name: true, sealedSecret: true } });
    if (!endpoint) return fail("not_found", NO_SUCH_ENDPOINT);
    const previousValidUntil = input.previous === "keep-24h" ? new Date(Date.now() + SECRET_OVERLAP_HOURS * 3_600_000) : null;
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        sealedSecret: sealWebhookSecret(endpointId, secret),
        // The previous secret stays sealed exactly as it was, and only while it still signs.
        sealedPreviousSecret: previousValidUntil ? endpoint.sealedSecret : null,
        previousSecretExpiresAt: previousValidUntil,
        secretCreatedAt: new Date(),
      },
    });
    await audit(tx, { actor, action: "webhook.roll_secret", endpointId, details: { name: endpoint.name, previousSignsUntil: previousValidUntil?.toISOString() ?? null } });
    return ok({ id: endpointId, name: endpoint.name, secret, previousValidUntil: previousValidUntil?.toISOString() ?? null });
  });
}

export async function deleteEndpoint(actor: AuditActor, endpointId: string): Promise<ActionResult<{ id: string; name: string }>> {
  const result = await db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { name: true, urlDisplay: true } });
    if (!endpoint) return fail("not_found", NO_SUCH_ENDPOINT);
    const open = await tx.webhookDelivery.findMany({ where: { endpointId, status: { in: [...OPEN_DELIVERY_STATES] } }, select: { id: true } });
    // Its deliveries go with it (their jobs find nothing to send).
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await audit(tx, { actor, action: "webhook.delete", endpointId, details: { name: endpoint.name, url: endpoint.urlDisplay, deliveriesDropped: open.length } });
    return ok({ id: endpointId, name: endpoint.name, openIds: open.map((delivery) => delivery.id) });
  });
  if (!result.ok) return result;
  await cancelJobs(QUEUES.deliverWebhook, result.data.openIds);
  return ok({ id: result.data.id, name: result.data.name });
}
