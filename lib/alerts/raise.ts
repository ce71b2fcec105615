// raiseAlert: the one door through which the console raises an alert. It only writes rows and
// jobs (no network call), so a receiver that is down or slow never holds up the caller.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { alertInputSchema, type AlertInput } from "./events";
import { insertEventOnce, queueDeliveries, type RecordedAlert } from "./record";

/**
 * Records the alert once per `dedupeKey` and queues one delivery per enabled endpoint subscribed
 * to its type. A second raise with the same key (here or on another instance) changes nothing and
 * returns the first event with `created: false`. Pass `tx` to make the alert part of the caller's
 * transaction: it is recorded, and its deliveries queued, only if that transaction commits.
 * Throws on a malformed alert (a programming error, not a runtime condition).
 */
export async function raiseAlert(input: AlertInput, tx?: Prisma.TransactionClient): Promise<RecordedAlert> {
  const alert = alertInputSchema.parse(input);
  const work = async (client: Prisma.TransactionClient): Promise<RecordedAlert> => {
    const { event, created } = await insertEventOnce(client, {
      dedupeKey: alert.dedupeKey,
      type: alert.type,
      sandboxName: alert.sandbox,
      connectionRemoteId: alert.connection?.remoteId ?? null,
      connectionName: alert.connection?.name ?? null,
      step: alert.step ?? null,
      requestId: alert.requestId ?? null,
      message: alert.message,
    });
    if (!created) return { event, created, deliveries: 0 };
    const endpoints = await client.webhookEndpoint.findMany({ where: { enabled: true, events: { has: alert.type } }, select: { id: true } });
    const deliveries = await queueDeliveries(client, event.id, endpoints.map((endpoint) => endpoint.id));
    return { event, created, deliveries };
  };
  const result = tx ? await work(tx) : await db.$transaction(work);
  const fields = { alertType: alert.type, sandbox: alert.sandbox, remoteId: alert.connection?.remoteId, eventId: result.event.id, dedupeKey: alert.dedupeKey };
  // Inside the caller's transaction the rows exist only once it commits: the log says so.
  if (result.created) log.info({ ...fields, deliveries: result.deliveries, inCallerTransaction: Boolean(tx) }, "alert recorded; deliveries queued");
  else log.debug(fields, "alert already raised; nothing queued");
  return result;
}
