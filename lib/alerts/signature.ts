// Signing a delivery, the scheme Stripe uses: HMAC-SHA256 over `${timestamp}.${body}` with the
// endpoint's secret, sent as `t=<unix seconds>,v1=<hex>`. Each attempt is signed at its own time,
// so a receiver's timestamp tolerance also holds for late retries. During a secret overlap (after
// "Roll secret" keeping the previous one for a day) both secrets sign: one `v1` each.
import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "X-S3Console-Signature";
export const EVENT_ID_HEADER = "X-S3Console-Event-Id";
export const EVENT_TYPE_HEADER = "X-S3Console-Event";
export const DELIVERY_ID_HEADER = "X-S3Console-Delivery-Id";

/** `whsec_` and 32 random bytes: the receiver uses the whole string as the HMAC key. */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

export function computeSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The header's value; the current secret's `v1` comes first. */
export function signatureHeaderValue(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${computeSignature(secret, timestamp, body)}`)].join(",");
}
