// Wording shared by the webhook pages: delivery states and payload shapes as a person reads them.
import type { WebhookFormat } from "@/lib/alerts/endpoint-schema";
import { utcTime } from "@/lib/format/utc";

export const DELIVERY_LABELS: Record<string, string> = {
  queued: "queued",
  sending: "sending",
  retrying: "retrying",
  delivered: "delivered",
  failed: "failed",
  cancelled: "cancelled",
};

export const DELIVERY_TONES: Record<string, "neutral" | "good" | "warn" | "bad" | "info"> = {
  queued: "neutral",
  sending: "info",
  retrying: "warn",
  delivered: "good",
  failed: "bad",
  cancelled: "neutral",
};

export const FORMAT_LABELS: Record<WebhookFormat, string> = { json: "JSON", slack: "Slack-compatible" };

export function utc(iso: string | null): string {
  return iso ? utcTime(iso) : "—";
}
