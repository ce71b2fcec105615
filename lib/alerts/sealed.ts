// An endpoint's URL and signing secrets wait in the database sealed (lib/crypto/seal.ts), each
// bound to its endpoint: a sealed value copied to another row does not open there.
import "server-only";
import { openSealed, seal } from "@/lib/crypto/seal";
import { serverEnv } from "@/lib/env";

type Sealed = { sealedUrl: string; sealedSecret: string; sealedPreviousSecret: string | null; previousSecretExpiresAt: Date | null };

const purpose = (kind: "url" | "secret", endpointId: string) => `webhook-${kind}:${endpointId}`;

export function sealWebhookUrl(endpointId: string, url: string): string {
  return seal(url, serverEnv().AUTH_SECRET, purpose("url", endpointId));
}

export function sealWebhookSecret(endpointId: string, secret: string): string {
  return seal(secret, serverEnv().AUTH_SECRET, purpose("secret", endpointId));
}

export type OpenedEndpoint = { url: string; secrets: string[] };

/**
 * The URL and the secrets that sign now (the current one first; the previous one while its overlap
 * lasts). Undefined when they cannot be opened: AUTH_SECRET is not the one they were sealed under.
 */
export function openEndpoint(endpointId: string, sealed: Sealed, now = new Date()): OpenedEndpoint | undefined {
  const secret = serverEnv().AUTH_SECRET;
  const url = openSealed(sealed.sealedUrl, secret, purpose("url", endpointId));
  const current = openSealed(sealed.sealedSecret, secret, purpose("secret", endpointId));
  if (!url.ok || !current.ok) return undefined;
  const secrets = [current.plaintext];
  if (sealed.sealedPreviousSecret && sealed.previousSecretExpiresAt && sealed.previousSecretExpiresAt > now) {
    const previous = openSealed(sealed.sealedPreviousSecret, secret, purpose("secret", endpointId));
    if (previous.ok) secrets.push(previous.plaintext);
  }
  return { url: url.plaintext, secrets };
}
