// The one log line of every server action: name, actor, sandbox and connection come from the log
// context (define-action.ts), then the outcome, error code, Flow Service request id and duration.
// Never an argument value: forms carry secrets.
import "server-only";
import { addLogContext, log } from "@/lib/log";
import type { ActionResult } from "./result";

export function logActionOutcome(result: ActionResult<unknown> | undefined, durationMs: number): void {
  const duration = Math.round(durationMs);
  if (!result) {
    log.info({ outcome: "redirect", durationMs: duration }, "action finished");
    return;
  }
  if (result.ok) {
    const data = result.data as { remoteId?: unknown } | null | undefined;
    // A create learns its connection id only now.
    if (typeof data?.remoteId === "string") addLogContext({ connectionId: data.remoteId });
    log.info({ outcome: "success", durationMs: duration }, "action finished");
    return;
  }
  const fields = { outcome: "failure", errorCode: result.error.code, flowRequestId: result.error.requestId, durationMs: duration };
  if (result.error.code === "internal") log.error(fields, "action failed");
  else log.info(fields, "action finished");
}
