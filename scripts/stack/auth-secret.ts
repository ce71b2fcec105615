// The session-signing secret: AUTH_SECRET when given, otherwise generated once and kept in the
// data folder (mode 0600) so sessions survive restarts.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function ensureAuthSecret(dataDir: string, given: string | undefined): string {
  if (given) return given;
  const file = join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
