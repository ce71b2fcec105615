// "Send test event": a `test` alert for one endpoint, through the same queue, signature and retries
// as real alerts, so a green line in the delivery log proves the whole path.
import "server-only";
import { randomUUID } from "node:crypto";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { NO_SUCH_ENDPOINT } from "./endpoints";
import { TEST_EVENT_TYPE } from "./events";
import { insertEventOnce, queueDeliveries } from "./record";

export async function sendTestEvent(actor: AuditActor, sandbox: string, endpointId: string): Promise<ActionResult<{ eventId: string; name: string }>> {
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { name: true, enabled: true } });
    if (!endpoint) return fail("not_found", NO_SUCH_ENDPOINT);
    if (!endpoint.enabled) return fail("disabled", `${endpoint.name} is disabled: enable it to send a test event.`);
    const { event } = await insertEventOnce(tx, {
      dedupeKey: `test:${randomUUID()}`,
      type: TEST_EVENT_TYPE,
      sandboxName: sandbox,
      connectionRemoteId: null,
      connectionName: null,
      step: null,
      requestId: null,
      message: `Test event from S3 Source Console, sent by ${actor.email} to ${endpoint.name}. If you can read this, alerts reach you.`,
    });
    await queueDeliveries(tx, event.id, [endpointId]);
    await recordAuditEvent({ actor, action: "webhook.test", targetType: "webhook", targetId: endpointId, sandboxName: sandbox, outcome: "success", details: { name: endpoint.name, eventId: event.id } }, tx);
    return ok({ eventId: event.id, name: endpoint.name });
  });
}
