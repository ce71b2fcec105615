// One sentence per automatic-rotation status, shared by the connection page and "Next 24 hours".
import type { AutomaticStatus } from "@/lib/rotation-policy/status";
import { utcTime } from "@/lib/format/utc";

const time = (iso: string) => utcTime(iso, "minute");

export function statusText(status: AutomaticStatus): string {
  switch (status.kind) {
    case "scheduled":
      return `Automatic: rotates at ${time(status.at)}`;
    case "planning":
      return "Automatic: the next rotation time is being planned";
    case "in_progress":
      return "Automatic: a rotation is under way";
    case "failing":
      return `Automatic, but the last rotation failed${status.retryAt ? `; next try ${time(status.retryAt)}` : ""}`;
    case "needs_attention":
      return "Needs a person: automatic rotation stopped";
    case "paused":
      return `Paused${status.by ? ` by ${status.by}` : ""}: will not rotate on its own`;
    case "off":
      return "Automatic rotation is off: needs a person";
    case "no_source":
      return "No rotation source: needs a person";
  }
}

export function statusTone(status: AutomaticStatus): "good" | "warn" | "bad" | "neutral" | "info" {
  switch (status.kind) {
    case "scheduled":
    case "planning":
    case "in_progress":
      return "good";
    case "failing":
    case "paused":
      return "warn";
    case "needs_attention":
    case "off":
    case "no_source":
      return "bad";
  }
}
