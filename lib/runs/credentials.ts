// A token run's credentials wait in the database sealed, never in clear, and only while an item
// still needs them.
import "server-only";
import { openSealed, seal } from "@/lib/crypto/seal";
import { serverEnv } from "@/lib/env";
import type { RotateToken } from "@/lib/connections/schemas";

const PURPOSE = "rotation-run-credentials";

export function sealRunCredentials(credentials: RotateToken): string {
  return seal(JSON.stringify(credentials), serverEnv().AUTH_SECRET, PURPOSE);
}

export function openRunCredentials(sealed: string | null): RotateToken | undefined {
  if (!sealed) return undefined;
  const opened = openSealed(sealed, serverEnv().AUTH_SECRET, PURPOSE);
  return opened.ok ? (JSON.parse(opened.plaintext) as RotateToken) : undefined;
}
