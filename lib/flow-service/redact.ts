/**
 * Helpers that make a response body safe to keep in logs and in the audit trail.
 * A response body should not contain our secrets, but a misbehaving server (or proxy) could
 * echo the request; we scrub every secret we sent before keeping any of it.
 */

export const DETAIL_MAX_CHARS = 2_000;
const REDACTED = "[REDACTED]";

/** JSON members whose name suggests a credential: their string value is replaced. */
const SENSITIVE_MEMBER =
  /("[^"\\]*(?:secret|token|password|passwd|authorization|credential|sessionkey)[^"\\]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]+/g;

/** Replace every occurrence of the given secret values (and credential-looking members). */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  // Longest first, so that a secret containing another secret is removed whole.
  const values = secrets
    .filter((s): s is string => typeof s === "string" && s.length >= 4)
    .sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join(REDACTED);
  return out.replace(SENSITIVE_MEMBER, `$1"${REDACTED}"`).replace(BEARER, `Bearer ${REDACTED}`);
}

export function truncate(text: string, max = DETAIL_MAX_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…[truncated ${text.length - max} chars]`;
}

/** Redact first, then truncate, so a secret cut at the boundary cannot leak half of itself. */
export function safeDetail(text: string, secrets: readonly (string | undefined)[] = []): string {
  return truncate(redactSecrets(text, secrets));
}
