// What the Settings pages show of webhook endpoints and their delivery log. Never a sealed value.
import "server-only";
import { db } from "@/lib/db";
import type { WebhookFormat } from "./endpoint-schema";
import type { AlertEventType, DeliveredEventType } from "./events";

export type DeliveryStatus = "queued" | "sending" | "retrying" | "delivered" | "failed" | "cancelled";

export type EndpointSummary = {
  id: string;
  name: string;
  urlDisplay: string;
  localTesting: boolean;
  events: AlertEventType[];
  format: WebhookFormat;
  enabled: boolean;
  lastDelivery: { status: DeliveryStatus; at: string } | null;
};

export type EndpointDetail = EndpointSummary & {
  createdByEmail: string;
  createdAt: string;
  secretCreatedAt: string;
  /** Until when the previous secret also signs (after a roll with an overlap). */
  previousSecretUntil: string | null;
};

export type DeliveryRow = {
  id: string;
  eventId: string;
  eventType: DeliveredEventType;
  text: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
};

export const DELIVERY_LOG_SIZE = 50;

const summarySelect = {
  id: true,
  name: true,
  urlDisplay: true,
  events: true,
  format: true,
  enabled: true,
  deliveries: { orderBy: { createdAt: "desc" as const }, take: 1, select: { status: true, lastAttemptAt: true, createdAt: true } },
};

type SummaryRow = { id: string; name: string; urlDisplay: string; events: string[]; format: string; enabled: boolean; deliveries: { status: string; lastAttemptAt: Date | null; createdAt: Date }[] };

function summary(row: SummaryRow): EndpointSummary {
  const last = row.deliveries[0];
  return {
    id: row.id,
    name: row.name,
    urlDisplay: row.urlDisplay,
    localTesting: row.urlDisplay.startsWith("http:"),
    events: row.events as AlertEventType[],
    format: row.format as WebhookFormat,
    enabled: row.enabled,
    lastDelivery: last ? { status: last.status as DeliveryStatus, at: (last.lastAttemptAt ?? last.createdAt).toISOString() } : null,
  };
}

export async function listEndpoints(): Promise<EndpointSummary[]> {
  const rows = await db.webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, select: summarySelect });
  return rows.map(summary);
}

export async function getEndpoint(id: string): Promise<EndpointDetail | undefined> {
  const row = await db.webhookEndpoint.findUnique({
    where: { id },
    select: { ...summarySelect, createdByEmail: true, createdAt: true, secretCreatedAt: true, previousSecretExpiresAt: true },
  });
  if (!row) return undefined;
  const previous = row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date() ? row.previousSecretExpiresAt.toISOString() : null;
  return { ...summary(row), createdByEmail: row.createdByEmail, createdAt: row.createdAt.toISOString(), secretCreatedAt: row.secretCreatedAt.toISOString(), previousSecretUntil: previous };
}

export async function listDeliveries(endpointId: string): Promise<DeliveryRow[]> {
  const rows = await db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "desc" }, take: DELIVERY_LOG_SIZE, include: { event: { select: { type: true, message: true } } } });
  return rows.map((row) => ({
    id: row.id,
    eventId: row.eventId,
    eventType: row.event.type as DeliveredEventType,
    text: row.event.message,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  }));
}
