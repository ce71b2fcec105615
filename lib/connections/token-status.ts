// How a connection's session token stands. A module of its own, without zod: the inventory's
// client components import it, and the browser should not download the query schema's library.
export type TokenStatus = "none" | "ok" | "expiring" | "expired" | "unknown-expiry";

/** "expiring" means within `days`. */
export function tokenStatus(row: { sessionTokenSetAt: Date | null; sessionTokenExpiresAt: Date | null }, now: Date, days = 7): TokenStatus {
  if (!row.sessionTokenExpiresAt) return row.sessionTokenSetAt ? "unknown-expiry" : "none";
  const left = row.sessionTokenExpiresAt.getTime() - now.getTime();
  if (left <= 0) return "expired";
  return left <= days * 86_400_000 ? "expiring" : "ok";
}
