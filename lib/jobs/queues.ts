// The queues of the console and the payload each job carries. Payloads are versioned and checked
// with zod when a job starts: a job written by an older (or newer) console fails visibly, alone,
// instead of running on a guess or taking its worker down.
import { z } from "zod";

export const QUEUES = {
  /** Dead letters of rotate-connection: a job that used up its retries (or whose instances kept dying). */
  rotationGaveUp: "rotate-connection-gave-up",
  /** One sync of a sandbox's inventory with Flow Service (scheduled once per cluster, or "Sync now"). */
  syncSandbox: "sync-sandbox",
  /** One connection of a rotation run. */
  rotateConnection: "rotate-connection",
  /** Plans automatic rotations and raises expiry alerts (once per interval for the cluster). */
  planRotations: "plan-rotations",
  /** Dead letters of deliver-webhook (created first: a queue's dead-letter queue must exist). */
  webhookGaveUp: "deliver-webhook-gave-up",
  /** One alert to one webhook endpoint (lib/alerts): an HTTP POST, retried with backoff. */
  deliverWebhook: "deliver-webhook",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Retries after the first attempt, per queue (a handler may treat its last attempt differently). */
export const RETRY_LIMITS: Record<QueueName, number> = {
  "sync-sandbox": 2,
  "rotate-connection": 4,
  "rotate-connection-gave-up": 3,
  "plan-rotations": 1,
  // The default; WEBHOOK_RETRY_LIMIT overrides it (lib/alerts/config.ts).
  "deliver-webhook": 8,
  "deliver-webhook-gave-up": 3,
};

const actorSchema = z.object({ id: z.string().nullable(), email: z.string() });

const rotateItemSchema = z.object({ v: z.literal(1), runId: z.uuid(), itemId: z.uuid() });
const deliverySchema = z.object({ v: z.literal(1), deliveryId: z.uuid() });

export const PAYLOADS = {
  [QUEUES.syncSandbox]: z.object({ v: z.literal(1), sandbox: z.string().min(1), trigger: z.enum(["schedule", "manual"]), actor: actorSchema }),
  [QUEUES.rotateConnection]: rotateItemSchema,
  [QUEUES.rotationGaveUp]: rotateItemSchema,
  [QUEUES.planRotations]: z.object({ v: z.literal(1) }),
  [QUEUES.deliverWebhook]: deliverySchema,
  [QUEUES.webhookGaveUp]: deliverySchema,
} satisfies Record<QueueName, z.ZodType>;

export type Payload<Q extends QueueName> = z.infer<(typeof PAYLOADS)[Q]>;

export class PayloadError extends Error {
  constructor(queue: string, detail: string) {
    super(`job payload of ${queue} is not one this console understands (${detail}); the job was not run`);
    this.name = "PayloadError";
  }
}

export function parsePayload<Q extends QueueName>(queue: Q, data: unknown): Payload<Q> {
  const parsed = PAYLOADS[queue].safeParse(data);
  if (!parsed.success) throw new PayloadError(queue, parsed.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`).join("; "));
  return parsed.data as Payload<Q>;
}
