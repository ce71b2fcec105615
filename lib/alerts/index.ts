/**
 * Alerts as signed webhooks. The rest of the console calls `raiseAlert` (inside its own
 * transaction if it has one); delivery, signing and retries happen on the job queue.
 */
import "server-only";

export { raiseAlert } from "./raise";
export type { RecordedAlert } from "./record";
export { ALERT_EVENT_TYPES, ROTATION_STEPS, type AlertEventType, type AlertInput, type RotationStep } from "./events";
export { deliverWebhookJob, webhookGaveUpJob } from "./deliver";
