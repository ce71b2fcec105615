// Recording an alert and queueing its deliveries: one transaction, so an alert is either recorded
// with a job per subscribed endpoint, or not at all. The unique dedupe key makes the first writer
// win, whichever console instance it runs on: PostgreSQL's ON CONFLICT DO NOTHING waits for a
// concurrent insert of the same key to commit, then does nothing.
import "server-only";
import { randomUUID } from "node:crypto";
import type { AlertEvent, Prisma } from "@/lib/generated/prisma/client";
import { enqueueManyInTransaction, QUEUES } from "@/lib/jobs";
import type { AlertContent } from "./events";

export type NewAlertEvent = AlertContent & { dedupeKey: string };

export type RecordedAlert = { event: AlertEvent; created: boolean; deliveries: number };

/** Inserts the event unless its key exists; returns the stored one either way. */
export async function insertEventOnce(tx: Prisma.TransactionClient, event: NewAlertEvent): Promise<{ event: AlertEvent; created: boolean }> {
  const id = randomUUID();
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "AlertEvent" ("id", "dedupeKey", "type", "sandboxName", "connectionRemoteId", "connectionName", "step", "requestId", "message")
    VALUES (${id}::uuid, ${event.dedupeKey}, ${event.type}, ${event.sandboxName}, ${event.connectionRemoteId}, ${event.connectionName}, ${event.step}, ${event.requestId}, ${event.message})
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "id"`;
  const stored = await tx.alertEvent.findUniqueOrThrow({ where: { dedupeKey: event.dedupeKey } });
  return { event: stored, created: inserted.length > 0 };
}

/** One delivery row and one job per endpoint (the job's id is the delivery's). */
export async function queueDeliveries(tx: Prisma.TransactionClient, eventId: string, endpointIds: string[]): Promise<number> {
  if (endpointIds.length === 0) return 0;
  const deliveries = endpointIds.map((endpointId) => ({ id: randomUUID(), endpointId, eventId }));
  await tx.webhookDelivery.createMany({ data: deliveries });
  await enqueueManyInTransaction(
    tx,
    QUEUES.deliverWebhook,
    deliveries.map((delivery) => ({ id: delivery.id, payload: { v: 1 as const, deliveryId: delivery.id } })),
  );
  return deliveries.length;
}
