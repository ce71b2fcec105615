/**
 * Request + retry. Retry rules (why each is safe):
 * - "idempotent" (GET, DELETE): any transient failure is retried. DELETE is idempotent by
 *   HTTP semantics; the only visible difference is a 404 on a retry after an ambiguous first
 *   attempt, which callers can treat as success (see `afterAmbiguous`).
 * - "throttle-only" (PATCH): only failures that prove nothing was done (not sent, 429, 503).
 *   A PATCH that may have applied is not replayed: with If-Match it would fail with 412 anyway
 *   and hide what really happened; the error is flagged `outcomeUnknown` instead.
 * - "none": a single attempt; used by create, which has its own reconciling loop (create.ts).
 * Every attempt of one call reuses the same x-request-id, so one audit entry finds them all.
 */
import { callerAbortError } from "./abort";
import type { FlowServiceError } from "./errors";
import { notify } from "./observer";
import { retryDelay, type RetryPolicy } from "./retry";
import { performAttempt, type AttemptOutcome, type AttemptPhase, type HttpResponseData, type RequestSpec, type TransportContext } from "./transport";

export type RetryMode = "idempotent" | "throttle-only" | "none";

export interface SendSpec extends Omit<RequestSpec, "requestId"> {
  requestId?: string;
  retry: RetryMode;
  /**
   * Failure statuses to report as a normal result when an earlier attempt of the same call was
   * ambiguous, e.g. 404 for a DELETE whose first attempt may already have deleted the resource.
   */
  acceptAfterAmbiguous?: number[];
}

export interface SendResult extends HttpResponseData {
  /** True when an earlier attempt of this call failed in a way that may have had effect. */
  afterAmbiguous: boolean;
}

export interface HttpDeps {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  randomUUID: () => string;
  /** Told of every 429, so that other callers (other instances) can slow down too. */
  onRateLimited?: (info: { sandbox?: string; retryAfterMs?: number }) => void;
  /** A request id chosen by the caller for a call of this operation that names none (else random). */
  requestIdFor?: (operation: string) => string | undefined;
}

export interface FlowServiceHttp {
  send(spec: SendSpec): Promise<SendResult>;
  /** Single attempt without retry, for callers with their own loop. */
  attempt(spec: RequestSpec): Promise<AttemptOutcome>;
  /** Sleep before retry number `retryIndex`; false when the server asked for too long a pause. */
  backoff(retryIndex: number, error: FlowServiceError, spec: { operation: string; requestId: string; signal?: AbortSignal }): Promise<boolean>;
  /** A fresh request id; with an operation, the one the caller chose for it, if any (requestIdFor). */
  newRequestId(operation?: string): string;
  now(): number;
  readonly policy: RetryPolicy;
}

export function createHttp(ctx: TransportContext, deps: HttpDeps, policy: RetryPolicy): FlowServiceHttp {
  async function backoff(retryIndex: number, error: FlowServiceError, spec: { operation: string; requestId: string; signal?: AbortSignal }) {
    const delay = retryDelay(retryIndex, policy, deps.random, error.retryAfterMs);
    if (delay === "give-up") return false;
    notify(ctx.observer?.retry, { operation: spec.operation, requestId: spec.requestId, reason: error.kind, status: error.status, retryIndex, delayMs: delay });
    try {
      await deps.sleep(delay, spec.signal);
    } catch (sleepError) {
      if (spec.signal?.aborted) throw callerAbortError(spec.signal, spec.requestId);
      throw sleepError;
    }
    return true;
  }

  const newRequestId = (operation?: string) => (operation === undefined ? undefined : deps.requestIdFor?.(operation)) ?? deps.randomUUID();

  async function send(spec: SendSpec): Promise<SendResult> {
    const requestSpec: RequestSpec = { ...spec, requestId: spec.requestId ?? newRequestId(spec.operation) };
    let afterAmbiguous = false;
    for (let retryIndex = 0; ; retryIndex++) {
      const outcome = await performAttempt(ctx, requestSpec);
      if (outcome.ok) return { ...outcome.response, afterAmbiguous };
      const { error, phase } = outcome;
      if (error.kind === "rate_limited") deps.onRateLimited?.({ sandbox: spec.sandbox, retryAfterMs: error.retryAfterMs });
      if (afterAmbiguous && error.status !== undefined && spec.acceptAfterAmbiguous?.includes(error.status)) {
        return { status: error.status, headers: new Headers(), json: undefined, requestId: requestSpec.requestId, afterAmbiguous };
      }
      if (phase === "ambiguous") afterAmbiguous = true;
      const finalError = phase === "ambiguous" && spec.method !== "GET" ? error.asOutcomeUnknown() : error;
      if (!isRetryable(spec.retry, phase) || retryIndex >= policy.maxRetries) throw finalError;
      if (!(await backoff(retryIndex, error, requestSpec))) throw finalError;
    }
  }

  return {
    send,
    attempt: (spec) => performAttempt(ctx, spec),
    backoff,
    newRequestId,
    now: ctx.now,
    policy,
  };
}

export function isRetryable(mode: RetryMode, phase: AttemptPhase): boolean {
  if (mode === "none" || phase === "final") return false;
  if (phase === "not-sent" || phase === "rejected") return true;
  return mode === "idempotent";
}
