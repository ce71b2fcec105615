// Sealing a secret that must wait in the database for a worker (a token run's credentials):
// AES-256-GCM under a key derived from AUTH_SECRET, which every instance shares. The database
// alone never reveals it; a changed AUTH_SECRET makes it unreadable, which `openSealed` reports.
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

// The derived key per purpose, kept with the secret it came from: a run of 1,000 items opens its
// credentials once per item, and HKDF was about 0.1 ms of each item's CPU (bench/HISTORY.md, "The
// sealed credentials' key, derived once per purpose"). A different secret (a test, a rotated
// AUTH_SECRET) derives its own key again.
const derived = new Map<string, { secret: string; key: Buffer }>();

function key(secret: string, purpose: string): Buffer {
  const known = derived.get(purpose);
  if (known?.secret === secret) return known.key;
  const fresh = Buffer.from(hkdfSync("sha256", secret, "s3-source-console", `sealed:${purpose}`, 32));
  derived.set(purpose, { secret, key: fresh });
  return fresh;
}

/** `purpose` binds the ciphertext to its use: a value sealed for one purpose never opens for another. */
export function seal(plaintext: string, secret: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSealed(sealed: string, secret: string, purpose: string): { ok: true; plaintext: string } | { ok: false } {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return { ok: false };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(secret, purpose), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return { ok: true, plaintext: Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8") };
  } catch {
    return { ok: false };
  }
}
