/**
 * The single error type thrown by the Flow Service client. Callers switch on `kind`;
 * `message` is safe to show to a user; `detail` is for logs and the audit trail only.
 */

export const FLOW_SERVICE_ERROR_KINDS = [
  "unauthorized",
  "forbidden",
  "not_found",
  "precondition_failed",
  "validation",
  "rate_limited",
  "unavailable",
  "timeout",
  "network",
  "bad_response",
  "not_allowed",
  "unexpected",
] as const;

export type FlowServiceErrorKind = (typeof FLOW_SERVICE_ERROR_KINDS)[number];

export interface FieldError {
  /** Field path as reported by the service, e.g. "auth.params.s3SecretKey". */
  field: string;
  message: string;
}

export interface FlowServiceErrorInit {
  kind: FlowServiceErrorKind;
  requestId: string;
  message?: string;
  status?: number;
  /** Adobe gateway `error_code`, when the body carried one. */
  errorCode?: string;
  fields?: FieldError[];
  retryAfterMs?: number;
  /** Response body (already truncated and redacted by the caller of this constructor). */
  detail?: string;
  /**
   * True when the request may or may not have taken effect (timeout, dropped connection,
   * 5xx on a write). The caller should re-read the resource before acting again.
   */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

/** Messages shown to users. They never include bodies, headers or secrets. */
export const SAFE_MESSAGES: Record<FlowServiceErrorKind, string> = {
  unauthorized: "Adobe rejected the console's credentials. Check the Adobe client id, secret and organization.",
  forbidden: "The console's Adobe credentials are not allowed to perform this action in this sandbox.",
  not_found: "The connection no longer exists in Adobe Experience Platform.",
  precondition_failed: "The connection was changed by someone else. Reload it and try again.",
  validation: "Adobe Experience Platform rejected the request as invalid.",
  rate_limited: "Adobe Experience Platform is throttling requests. Try again shortly.",
  unavailable: "Adobe Experience Platform is temporarily unavailable. Try again later.",
  timeout: "Adobe Experience Platform did not answer in time.",
  network: "Could not reach Adobe Experience Platform.",
  bad_response: "Adobe Experience Platform returned a response the console could not understand.",
  not_allowed: "This address is not allowed: the console's configuration points an Adobe call at an address its egress guard refuses (see OUTBOUND_ALLOW).",
  unexpected: "An unexpected error occurred while calling Adobe Experience Platform.",
};

/**
 * A brand that survives module duplication: Next bundles the instrumentation hook (job workers)
 * apart from the routes, so one process can hold two copies of this class while sharing one
 * client through globalThis, and `instanceof` would miss the other copy's errors.
 */
const BRAND = Symbol.for("s3-source-console/FlowServiceError");

export class FlowServiceError extends Error {
  override readonly name = "FlowServiceError";
  readonly kind: FlowServiceErrorKind;
  readonly requestId: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly fields?: FieldError[];
  readonly retryAfterMs?: number;
  readonly detail?: string;
  readonly outcomeUnknown: boolean;

  constructor(init: FlowServiceErrorInit) {
    super(init.message ?? SAFE_MESSAGES[init.kind], init.cause === undefined ? undefined : { cause: init.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.kind = init.kind;
    this.requestId = init.requestId;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.fields = init.fields;
    this.retryAfterMs = init.retryAfterMs;
    this.detail = init.detail;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  /** Same error, attributed to another request id (e.g. a shared IMS refresh). */
  withRequestId(requestId: string): FlowServiceError {
    if (requestId === this.requestId) return this;
    return new FlowServiceError({ ...this.toInit(), requestId });
  }

  /** Same error with the "may have happened" flag set. */
  asOutcomeUnknown(): FlowServiceError {
    return new FlowServiceError({ ...this.toInit(), outcomeUnknown: true });
  }

  /** Serializable form for logs and the audit trail (no stack, no cause). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      requestId: this.requestId,
      status: this.status,
      errorCode: this.errorCode,
      fields: this.fields,
      retryAfterMs: this.retryAfterMs,
      outcomeUnknown: this.outcomeUnknown,
      detail: this.detail,
    };
  }

  private toInit(): FlowServiceErrorInit {
    return {
      kind: this.kind,
      requestId: this.requestId,
      message: this.message,
      status: this.status,
      errorCode: this.errorCode,
      fields: this.fields,
      retryAfterMs: this.retryAfterMs,
      detail: this.detail,
      outcomeUnknown: this.outcomeUnknown,
      cause: this.cause,
    };
  }
}

export function isFlowServiceError(value: unknown): value is FlowServiceError {
  return value instanceof FlowServiceError || (typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true);
}

export function isFlowServiceErrorOfKind<K extends FlowServiceErrorKind>(
  value: unknown,
  kind: K,
): value is FlowServiceError & { kind: K } {
  return isFlowServiceError(value) && value.kind === kind;
}
