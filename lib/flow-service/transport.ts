/**
 * One HTTP attempt against Flow Service: token, headers, deadline, error classification.
 * Retrying is decided one layer up (http.ts, create.ts); this layer only reports whether a
 * failed attempt could have reached the service ("phase").
 */
import { callDeadline } from "@/lib/net/deadline";
import { findOutboundRefusal } from "@/lib/net/guard";
import { callerAbortError, isTimeoutReason } from "./abort";
import type { FlowServiceConfig } from "./config";
import { mapHttpFailure } from "./error-mapping";
import { FlowServiceError } from "./errors";
import type { AccessTokenProvider } from "./ims-token";
import { notify, type FlowServiceObserver } from "./observer";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface RequestSpec {
  /** The client method making the request, for logs and metrics (e.g. "patchConnection"). */
  operation: string;
  method: HttpMethod;
  /** Path below the base URL, starting with "/". */
  path: string;
  query?: Array<[string, string]>;
  body?: unknown;
  headers?: Record<string, string>;
  sandbox?: string;
  requestId: string;
  signal?: AbortSignal;
  /** Secret values in the body; scrubbed from any error detail. */
  secrets?: readonly (string | undefined)[];
}

export interface HttpResponseData {
  status: number;
  headers: Headers;
  /** Parsed JSON body; undefined for an empty or non-JSON body. */
  json: unknown;
  requestId: string;
}

/**
 * not-sent:  the request never reached Flow Service (token failure, connection refused).
 * rejected:  429/503, refused before any processing; safe to retry for every method.
 * ambiguous: timeout, dropped connection or 500/502/504; a write may have happened.
 * final:     any other failure; retrying cannot help.
 */
export type AttemptPhase = "not-sent" | "rejected" | "ambiguous" | "final";

export type AttemptOutcome =
  | { ok: true; response: HttpResponseData }
  | { ok: false; error: FlowServiceError; phase: AttemptPhase };

/** The slice of fetch the client uses: lib/net's guarded fetch in production, doubles in tests. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportContext {
  config: FlowServiceConfig;
  tokens: AccessTokenProvider;
  fetch: FetchLike;
  now: () => number;
  observer?: FlowServiceObserver;
}

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

export function buildUrl(baseUrl: string, path: string, query?: Array<[string, string]>): string {
  const search = query && query.length > 0 ? `?${new URLSearchParams(query).toString()}` : "";
  return `${baseUrl}${path}${search}`;
}

/** One attempt, plus one transparent resend after a 401 with a freshly fetched token. */
export async function performAttempt(ctx: TransportContext, spec: RequestSpec): Promise<AttemptOutcome> {
  const first = await acquireToken(ctx, spec);
  if (!first.ok) return first;
  const outcome = await sendOnce(ctx, spec, first.token);
  if (outcome.ok || outcome.error.status !== 401) return outcome;
  // The gateway refused the token before doing anything: refreshing and resending is safe.
  ctx.tokens.invalidate(first.token);
  const second = await acquireToken(ctx, spec);
  if (!second.ok) return second;
  return sendOnce(ctx, spec, second.token);
}

async function acquireToken(
  ctx: TransportContext,
  spec: RequestSpec,
): Promise<{ ok: true; token: string } | { ok: false; error: FlowServiceError; phase: AttemptPhase }> {
  try {
    return { ok: true, token: await ctx.tokens.getToken({ requestId: spec.requestId, signal: spec.signal }) };
  } catch (error) {
    if (spec.signal?.aborted) return { ok: false, error: callerAbortError(spec.signal, spec.requestId), phase: "final" };
    const flowError =
      error instanceof FlowServiceError
        ? error
        : new FlowServiceError({ kind: "unexpected", requestId: spec.requestId, cause: error });
    const transient = ["network", "timeout", "unavailable", "rate_limited"].includes(flowError.kind);
    return { ok: false, error: flowError, phase: transient ? "not-sent" : "final" };
  }
}

async function sendOnce(ctx: TransportContext, spec: RequestSpec, token: string): Promise<AttemptOutcome> {
  const { config } = ctx;
  const headers: Record<string, string> = {
    Accept: "application/json",
    ...spec.headers,
    Authorization: `Bearer ${token}`,
    "x-api-key": config.clientId,
    "x-gw-ims-org-id": config.orgId,
    "x-sandbox-name": spec.sandbox ?? config.defaultSandbox,
    "x-request-id": spec.requestId,
  };
  if (spec.body !== undefined) headers["Content-Type"] = "application/json";
  const { signal, deadline, clear } = callDeadline(config.timeoutMs, spec.signal);
  const started = ctx.now();
  let outcome: AttemptOutcome;
  try {
    outcome = await exchange(ctx, spec, headers, signal, deadline, token);
  } finally {
    clear();
  }
  notify(ctx.observer?.call, {
    operation: spec.operation,
    method: spec.method,
    sandbox: headers["x-sandbox-name"],
    requestId: spec.requestId,
    durationMs: ctx.now() - started,
    status: outcome.ok ? outcome.response.status : outcome.error.status,
    outcome: outcome.ok ? "ok" : outcome.error.kind,
  });
  return outcome;
}

async function exchange(ctx: TransportContext, spec: RequestSpec, headers: Record<string, string>, signal: AbortSignal, deadline: AbortSignal, token: string): Promise<AttemptOutcome> {
  const { config } = ctx;
  let response: Response;
  let text: string;
  try {
    response = await ctx.fetch(buildUrl(config.baseUrl, spec.path, spec.query), {
      method: spec.method,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      signal,
      redirect: "error",
    });
    text = await response.text();
  } catch (error) {
    return classifyThrown(error, spec, deadline);
  }

  if (response.ok) {
    return { ok: true, response: { status: response.status, headers: response.headers, json: parseJson(text), requestId: spec.requestId } };
  }
  const flowError = mapHttpFailure({
    status: response.status,
    bodyText: text,
    retryAfterHeader: response.headers.get("retry-after"),
    requestId: spec.requestId,
    nowMs: ctx.now(),
    secrets: [...(spec.secrets ?? []), token, config.clientSecret],
  });
  return { ok: false, error: flowError, phase: phaseForStatus(response.status) };
}

export function phaseForStatus(status: number): AttemptPhase {
  if (status === 429 || status === 503) return "rejected";
  if (status === 500 || status === 502 || status === 504) return "ambiguous";
  return "final";
}

function classifyThrown(error: unknown, spec: RequestSpec, deadline: AbortSignal): AttemptOutcome {
  if (spec.signal?.aborted) return { ok: false, error: callerAbortError(spec.signal, spec.requestId), phase: "final" };
  const refusal = findOutboundRefusal(error);
  if (refusal) {
    // Refused before connecting: nothing was sent, and retrying cannot change the configuration.
    const message = `${refusal.message} FLOW_SERVICE_URL points there: an administrator must change it or add its origin to OUTBOUND_ALLOW.`;
    return { ok: false, error: new FlowServiceError({ kind: "not_allowed", requestId: spec.requestId, message }), phase: "final" };
  }
  if (deadline.aborted || isTimeoutReason(error)) {
    return { ok: false, error: new FlowServiceError({ kind: "timeout", requestId: spec.requestId, cause: error }), phase: "ambiguous" };
  }
  const code = errorCode(error);
  const phase: AttemptPhase = code !== undefined && NOT_SENT_CODES.has(code) ? "not-sent" : "ambiguous";
  return { ok: false, error: new FlowServiceError({ kind: "network", requestId: spec.requestId, cause: error }), phase };
}

/** undici reports socket errors as `TypeError("fetch failed", { cause: { code } })`. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
