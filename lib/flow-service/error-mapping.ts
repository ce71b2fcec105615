/**
 * Turn a non-2xx HTTP response into a FlowServiceError. Bodies are parsed tolerantly: Adobe
 * uses at least three shapes (gateway `{error_code, message}`, problem details
 * `{type, title, status, detail}`, and `{errorMessage}` for etag conflicts).
 */
import { FlowServiceError, SAFE_MESSAGES, type FieldError, type FlowServiceErrorKind } from "./errors";
import { redactSecrets, safeDetail } from "./redact";
import { parseRetryAfter } from "./retry";

/** Gateway codes that mean "the console's own credentials are wrong", not "not allowed". */
const CREDENTIAL_ERROR_CODES = new Set(["403000", "403003", "403010"]);

export function kindForStatus(status: number, errorCode?: string): FlowServiceErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return errorCode && CREDENTIAL_ERROR_CODES.has(errorCode) ? "unauthorized" : "forbidden";
  if (status === 404 || status === 410) return "not_found";
  if (status === 412 || status === 428) return "precondition_failed";
  if (status === 429) return "rate_limited";
  if (status === 400 || status === 409 || status === 413 || status === 415 || status === 422) return "validation";
  if (status >= 500 && status <= 599) return "unavailable";
  return "unexpected";
}

export interface HttpFailure {
  status: number;
  bodyText: string;
  retryAfterHeader: string | null;
  requestId: string;
  nowMs: number;
  /** Secret values sent with the request; scrubbed from anything kept. */
  secrets: readonly (string | undefined)[];
}

export function mapHttpFailure(failure: HttpFailure): FlowServiceError {
  const body = parseJsonObject(failure.bodyText);
  const errorCode = readErrorCode(body);
  const kind = kindForStatus(failure.status, errorCode);
  const fields = kind === "validation" ? extractFields(body, failure.secrets) : undefined;
  const retryAfterMs =
    failure.status === 429 || failure.status === 503
      ? parseRetryAfter(failure.retryAfterHeader, failure.nowMs)
      : undefined;
  return new FlowServiceError({
    kind,
    requestId: failure.requestId,
    status: failure.status,
    errorCode,
    fields: fields && fields.length > 0 ? fields : undefined,
    retryAfterMs,
    message: userMessage(kind, fields),
    detail: failure.bodyText === "" ? undefined : safeDetail(failure.bodyText, failure.secrets),
  });
}

function userMessage(kind: FlowServiceErrorKind, fields: FieldError[] | undefined): string {
  if (kind !== "validation" || !fields || fields.length === 0) return SAFE_MESSAGES[kind];
  const names = fields.slice(0, 5).map((f) => f.field).filter((f) => f !== "");
  return names.length === 0 ? SAFE_MESSAGES[kind] : `${SAFE_MESSAGES[kind]} Fields: ${names.join(", ")}.`;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function readErrorCode(body: Record<string, unknown> | undefined): string | undefined {
  const code = body?.error_code ?? body?.errorCode ?? body?.code;
  if (typeof code === "string" && code.length <= 64) return code;
  if (typeof code === "number") return String(code);
  return undefined;
}

const FIELD_CHARS = /[^\w.[\]-]/g;

/** Collect `{field, message}` pairs from the places services usually put them. */
export function extractFields(
  body: Record<string, unknown> | undefined,
  secrets: readonly (string | undefined)[] = [],
): FieldError[] {
  if (!body) return [];
  const report = isRecord(body.report) ? body.report : undefined;
  const candidates = [body.errors, body.fields, body.violations, report?.errors, report?.fields];
  const out: FieldError[] = [];
  for (const list of candidates) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isRecord(item)) continue;
      const rawField = firstString(item.field, item.path, item.pointer, item.property, item.name);
      const rawMessage = firstString(item.message, item.detail, item.title, item.reason) ?? "is invalid";
      if (rawField === undefined) continue;
      out.push({
        field: rawField.replace(/^\/+/, "").replace(/\//g, ".").replace(FIELD_CHARS, "").slice(0, 200),
        message: redactSecrets(rawMessage, secrets).slice(0, 300),
      });
      if (out.length >= 50) return out;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === "string" && v !== "") return v;
  return undefined;
}
