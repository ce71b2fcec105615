// The alerts the console raises, in words a person reads. Shared by the domain, the Settings forms
// and the payloads (no server-only code here).
import { z } from "zod";

/** What an endpoint can subscribe to. */
export const ALERT_EVENT_TYPES = ["rotation.failed", "rotation.needs_attention", "token.expiring", "token.expired", "sync.failed"] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** "Send test event" delivers this type to one endpoint, whatever it subscribes to. */
export const TEST_EVENT_TYPE = "test";
export type DeliveredEventType = AlertEventType | typeof TEST_EVENT_TYPE;

export const ROTATION_STEPS = ["mint", "set", "test", "finish"] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

export const EVENT_LABELS: Record<DeliveredEventType, string> = {
  "rotation.failed": "Rotation failed",
  "rotation.needs_attention": "Rotation needs attention",
  "token.expiring": "Token expiring",
  "token.expired": "Token expired",
  "sync.failed": "Sync failed",
  test: "Test event",
};

export const EVENT_DESCRIPTIONS: Record<AlertEventType, string> = {
  "rotation.failed": "An automatic rotation used up its retries at one of its steps.",
  "rotation.needs_attention": "Credentials were changed elsewhere during a rotation: a person must decide.",
  "token.expiring": "A token that is not rotated automatically expires soon.",
  "token.expired": "A session token has expired.",
  "sync.failed": "A sync with Flow Service failed.",
};

/** Free text is cut, not refused: an alert about a failure must not fail because of a long error text. */
const text = (max: number) => z.string().trim().min(1).transform((value) => (value.length > max ? `${value.slice(0, max - 1)}…` : value));

/**
 * What `raiseAlert` accepts. A wrong type, step or missing field is a programming error and throws;
 * long free text (the message, a connection's name) is shortened instead.
 */
export const alertInputSchema = z.object({
  type: z.enum(ALERT_EVENT_TYPES),
  sandbox: z.string().min(1).max(64),
  connection: z.object({ remoteId: z.string().min(1).max(200), name: text(300) }).optional(),
  step: z.enum(ROTATION_STEPS).optional(),
  requestId: z.string().max(500).nullable().optional(),
  /** The human line, for example "Rotation of Orders feed failed at step test: AEP could not read the folder." */
  message: text(1_000),
  /** Same key, same alert: a second raise (here or on another instance) changes nothing. */
  dedupeKey: z.string().min(1).max(300),
});

export type AlertInput = z.input<typeof alertInputSchema>;

/** What an alert says, whichever way it is recorded or delivered. */
export type AlertContent = {
  type: DeliveredEventType;
  sandboxName: string;
  connectionRemoteId: string | null;
  connectionName: string | null;
  step: string | null;
  requestId: string | null;
  message: string;
};
