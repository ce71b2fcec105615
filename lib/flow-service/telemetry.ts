// The console server's observer of its Flow Service client: every request becomes a latency
// sample and a log line (debug when it succeeded, info when Flow Service refused it as the API
// says it may, warn for any other failure), every retry a counter and a log line, every 412 a
// conflict. The lines carry the request context (lib/log/context.ts) beside
// the call's own x-request-id (flowRequestId).
import "server-only";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import type { CallEvent, FlowServiceObserver, RetryEvent } from "./observer";

const EXPECTED_REFUSALS: ReadonlySet<string> = new Set(["precondition_failed", "not_found", "validation"]);

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
  // A stale etag, a missing connection or a rejected field is an answer the action reports to the
  // user (and logs); trouble reaching or using Flow Service is worth a warning.
  else if (EXPECTED_REFUSALS.has(event.outcome)) log.info(fields, "flow service call refused");
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
