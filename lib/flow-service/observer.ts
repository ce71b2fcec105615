/**
 * What the client reports about its own work, for logs and metrics. The client stays free of
 * both: the console server passes an observer (server.ts → telemetry.ts), tests may pass their own.
 * An observer that throws never breaks a call.
 */
import type { FlowServiceErrorKind } from "./errors";

/** One HTTP request to Flow Service finished, with a response or without one. */
export interface CallEvent {
  /** The client method that made it, e.g. "patchConnection". */
  operation: string;
  method: string;
  sandbox?: string;
  /** The x-request-id sent. */
  requestId: string;
  durationMs: number;
  /** HTTP status; absent when no response arrived. */
  status?: number;
  /** "ok", or how the request failed. */
  outcome: "ok" | FlowServiceErrorKind;
}

/** A failed attempt is about to be retried after `delayMs`. */
export interface RetryEvent {
  operation: string;
  requestId: string;
  reason: FlowServiceErrorKind;
  status?: number;
  /** 0 for the first retry. */
  retryIndex: number;
  delayMs: number;
}

export interface FlowServiceObserver {
  call?(event: CallEvent): void;
  retry?(event: RetryEvent): void;
}

export function notify<E>(handler: ((event: E) => void) | undefined, event: E): void {
  if (!handler) return;
  try {
    handler(event);
  } catch {
    // Telemetry must never change the outcome of a call.
  }
}
