// The scrape's credential: `Authorization: Bearer <METRICS_TOKEN>`. Compared as SHA-256 digests in
// constant time, so neither the token's length nor its prefix shows in the response time.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export function bearerTokenMatches(authorization: string | null, expected: string): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? "");
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(expected));
}
