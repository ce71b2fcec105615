/**
 * Entity tags shaped like Adobe's (Cosmos DB style): "\"1700d77b-0000-0200-0000-5e3b41a10000\"".
 * The first group is random, the fourth holds the write time in hex seconds. Quotes included.
 */
import { randomBytes } from "node:crypto";

export function newEtag(nowMs: number, randomHex8: string = randomBytes(4).toString("hex")): string {
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, "0").slice(-8);
  return `"${randomHex8}-0000-0200-0000-${seconds}0000"`;
}

/** If-Match may carry a list and weak validators; compare opaque tags with quotes normalised. */
export function etagMatches(ifMatch: string, current: string): boolean {
  if (ifMatch.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
  return ifMatch.split(",").some((candidate) => bare(candidate) === bare(current));
}
