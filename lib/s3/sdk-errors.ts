/**
 * Turns whatever the AWS SDK throws into one plain description (pure).
 *
 * Service errors carry S3's XML fields (Code, Region, Endpoint) plus the raw
 * response; HEAD errors have no body, so only the status and headers
 * (notably x-amz-bucket-region) say anything. Network errors carry Node's
 * errno code; a connection the egress guard refused carries
 * ERR_OUTBOUND_NOT_ALLOWED. Keeping this separate lets unit tests feed it
 * synthetic errors.
 */
import { findOutboundRefusal } from "@/lib/net/guard";

export type S3ErrorInfo =
  /** The egress guard refused the destination; `message` says which and why, nothing from S3. */
  | { kind: "refused"; message: string }
  | { kind: "network"; errno: string; detail: string }
  | { kind: "timeout" }
  | { kind: "aborted" }
  | {
      kind: "service";
      /** S3's error code, or one derived from the status when the body was empty (HEAD). */
      code: string;
      /** True when S3 sent no error body, so `code` is only a guess from the status. */
      bodiless: boolean;
      status?: number;
      message: string;
      /** Bucket region from x-amz-bucket-region or the error's Region element. */
      region?: string;
      /** Endpoint element of a PermanentRedirect (host name, sometimes with the bucket). */
      endpoint?: string;
    };

const STATUS_CODES: Record<number, string> = {
  301: "PermanentRedirect",
  307: "TemporaryRedirect",
  400: "BadRequest",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  500: "InternalError",
  503: "ServiceUnavailable",
};

const NETWORK_ERRNOS = new Set([
  "ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT",
  "EPIPE", "EPROTO", "ECONNABORTED", "ERR_SSL_WRONG_VERSION_NUMBER", "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
]);

type Loose = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function headerOf(error: Loose, name: string): string | undefined {
  const response = error.$response as { headers?: Record<string, unknown> } | undefined;
  const headers = response?.headers ?? {};
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return str(Array.isArray(value) ? value[0] : value);
  }
  return undefined;
}

/** Finds a Node errno code on the error or anywhere down its cause chain. */
function findErrno(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const e = error as Loose;
  const code = str(e.code) ?? str(e.errno);
  if (code && (NETWORK_ERRNOS.has(code) || /^E[A-Z]+$/.test(code))) return code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = findErrno(inner, depth + 1);
      if (found) return found;
    }
  }
  return findErrno(e.cause, depth + 1);
}

/**
 * @param signals the deadline and caller signals of the call, used to tell a
 *   timeout (ours) from a cancellation (the caller's) when the SDK reports an abort.
 */
export function inspectS3Error(error: unknown, signals: { timeout?: AbortSignal; caller?: AbortSignal } = {}): S3ErrorInfo {
  const e = (error && typeof error === "object" ? error : { message: String(error) }) as Loose;
  const name = str(e.name) ?? "";
  if (signals.caller?.aborted) return { kind: "aborted" };
  const refusal = findOutboundRefusal(error);
  if (refusal) return { kind: "refused", message: refusal.message };
  if (signals.timeout?.aborted || name === "TimeoutError" || str(e.code) === "ETIMEDOUT") return { kind: "timeout" };
  if (name === "AbortError") return { kind: "aborted" };

  const metadata = e.$metadata as { httpStatusCode?: number } | undefined;
  const status = metadata?.httpStatusCode;
  const xmlCode = str(e.Code);
  if (status !== undefined || xmlCode) {
    const generic = name === "" || name === "Unknown" || name === "UnknownError" || /^\d+$/.test(name);
    const code = xmlCode ?? (!generic && name !== "NotFound" && name !== "Forbidden" ? name : undefined);
    return {
      kind: "service",
      code: code ?? STATUS_CODES[status ?? 0] ?? `HTTP${status ?? ""}`,
      bodiless: code === undefined,
      status,
      message: str(e.message) ?? "",
      region: headerOf(e, "x-amz-bucket-region") ?? str(e.Region) ?? str(e.BucketRegion),
      endpoint: str(e.Endpoint),
    };
  }

  const errno = findErrno(error);
  if (errno) return { kind: "network", errno, detail: str(e.message) ?? errno };
  return { kind: "service", code: name || "Unknown", bodiless: true, message: str(e.message) ?? "" };
}
