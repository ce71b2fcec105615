// Server-side sessions: one UserSession row per sign-in, named by the session cookie. The cookie
// alone proves nothing once its row is revoked or expired, or its user disabled: that is what makes
// sign-out, "sign out everywhere" and an admin's "end sessions" take effect on the next request.
import "server-only";
import { db, directQuery } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "./roles";

export type SessionAccount = { id: string; email: string; name: string; role: Role };
/** The account and how it signs in (single sign-on or a password). */
export type LiveAccount = SessionAccount & { sso: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Client = Pick<typeof db, "userSession">;

/** Opens a session for a user who just signed in; returns its id (carried by the cookie). */
export async function openSession(userId: string, lifetimeSeconds: number, now = new Date()): Promise<string> {
  // Rows of this user's sessions that ended long ago are of no use: keep the table small.
  await db.userSession.deleteMany({ where: { userId, expiresAt: { lt: now } } });
  const row = await db.userSession.create({ data: { userId, expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000) }, select: { id: true } });
  return row.id;
}

/**
 * The account behind a session, when the session is live and the account enabled; otherwise null.
 * One query (the session test is an EXISTS inside the user lookup): pages and actions pay one
 * account read per request, through the request-cached currentUser().
 *
 * Written in SQL because it is the console's most frequent query: in the console server on Node 20
 * (where every promise pays for the request context's async hooks) Prisma's findFirst spent about
 * 0.4 ms more per request building and reading the query than $queryRaw does with the same
 * statement (bench/action-overhead.ts on the 2-core bench machine, alternating runs), and it goes
 * straight to the pool (directQuery, lib/db.ts), since a request reaches it after a wait.
 *
 * `alongside` is a scalar subquery giving one json value (an action's first read, define-action.ts):
 * it is evaluated in the account's row, so only for a live session, and comes back as `alongside`.
 */
export async function liveSessionAccount(userId: string, sessionId: string, { now = new Date(), alongside }: { now?: Date; alongside?: Prisma.Sql } = {}): Promise<(LiveAccount & { alongside: unknown }) | null> {
  if (!UUID.test(userId) || !UUID.test(sessionId)) return null;
  const { rows } = await directQuery<{ id: string; email: string; name: string; role: string; sso: boolean; alongside: unknown }>(Prisma.sql`
    SELECT u."id", u."email", u."name", u."role"::text AS "role", (u."oidcSubject" IS NOT NULL) AS "sso",
      ${alongside ? Prisma.sql`(${alongside})` : Prisma.sql`NULL`} AS "alongside"
    FROM "User" u
    WHERE u."id" = ${userId}::uuid AND u."disabledAt" IS NULL
      AND EXISTS (SELECT 1 FROM "UserSession" s WHERE s."id" = ${sessionId}::uuid AND s."userId" = u."id" AND s."revokedAt" IS NULL AND s."expiresAt" > ${now}::timestamp(3))`);
  const account = rows[0];
  if (!account) return null;
  return { id: account.id, email: account.email, name: account.name, role: account.role as Role, sso: account.sso, alongside: account.alongside };
}

/** Ends one session (sign-out). Returns how many were live: 0 or 1. */
export async function revokeSession(sessionId: string, now = new Date()): Promise<number> {
  if (!UUID.test(sessionId)) return 0;
  const { count } = await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/** Ends every live session of a user; pass a transaction client to make it part of a change. */
export async function revokeUserSessions(userId: string, client: Client = db, now = new Date()): Promise<number> {
  const { count } = await client.userSession.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
  return count;
}

/** The user a session belongs to (for auditing a sign-out), when the id names one. */
export async function sessionOwner(sessionId: string): Promise<{ id: string; email: string } | null> {
  if (!UUID.test(sessionId)) return null;
  const row = await db.userSession.findUnique({ where: { id: sessionId }, select: { user: { select: { id: true, email: true } } } });
  return row?.user ?? null;
}

/** Live sessions per user, for the Settings page. */
export async function liveSessionCounts(now = new Date()): Promise<Map<string, number>> {
  const where: Prisma.UserSessionWhereInput = { revokedAt: null, expiresAt: { gt: now } };
  const groups = await db.userSession.groupBy({ by: ["userId"], where, _count: { _all: true } });
  return new Map(groups.map((group) => [group.userId, group._count._all]));
}
