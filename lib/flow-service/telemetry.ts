// The console server's observer of its Flow Service client: every request becomes a latency
// sample and a log line (debug when it succeeded, warn when it failed), every retry a counter and a
// log line, every 412 a conflict. The lines carry the request context (lib/log/context.ts) beside
// the call's own x-request-id (flowRequestId).
import "server-only";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import type { CallEvent, FlowServiceObserver, RetryEvent } from "./observer";

function statusLabel(event: CallEvent): string {
  return event.status === undefined ? event.outcome : String(event.status);
}

function call(event: CallEvent): void {
  const m = metrics();
  m.flowServiceRequestDuration.observe({ operation: event.operation, status: statusLabel(event) }, event.durationMs / 1000);
  if (event.status === 412) m.flowServiceConflicts.inc({ operation: event.operation });
  const fields = {
    operation: event.operation,
    method: event.method,
    sandbox: event.sandbox,
    flowRequestId: event.requestId,
    status: event.status,
    outcome: event.outcome,
    durationMs: Math.round(event.durationMs),
  };
  if (event.outcome === "ok") log.debug(fields, "flow service call");
  else log.warn(fields, "flow service call failed");
}

function retry(event: RetryEvent): void {
  metrics().flowServiceRetries.inc({ operation: event.operation, reason: event.reason });
  log.warn(
    { operation: event.operation, flowRequestId: event.requestId, reason: event.reason, status: event.status, retry: event.retryIndex + 1, delayMs: Math.round(event.delayMs) },
    "flow service call will be retried",
  );
}

export const flowServiceTelemetry: FlowServiceObserver = { call, retry };
