// Session checks for server components and server actions. The proxy only redirects anonymous
// page visits; every action and page still checks here, because actions can be called directly.
import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { serverEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authSignInConfig } from "./config";
import { can, type Permission, type Role } from "./roles";
import { sessionClaims, type SessionClaims } from "./session-claims";
import { liveSessionAccount } from "./sessions";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user, read once per request however many layouts, pages and actions ask (React's
 * request cache). The cookie names a server-side session; the account is read from the database
 * with it, so a revoked session, a disabled or deleted account or a changed role takes effect on
 * the next request rather than when the cookie expires.
 */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  // A session is per request: never let a page that asks for it be prerendered at build time.
  await connection();
  return sessionUser(await sessionClaims());
});

/** The live account behind a session cookie's claims (read by sessionClaims), or null. */
export async function sessionUser(claims: SessionClaims | null): Promise<SessionUser | null> {
  return (await liveSessionUser(claims))?.user ?? null;
}

/** sessionUser, with the value of an `alongside` subquery read in the same statement (liveSessionAccount). */
async function liveSessionUser(claims: SessionClaims | null, alongside?: Prisma.Sql): Promise<{ user: SessionUser; alongside: unknown } | null> {
  if (!claims) return null;
  const account = await liveSessionAccount(claims.userId, claims.sessionId, { alongside });
  if (!account) return null;
  // With local accounts turned off, password sessions opened before are over too (the
  // break-glass admin's excepted).
  const policy = authSignInConfig(serverEnv());
  if (policy.localAccounts === "break-glass" && !account.sso && account.email !== policy.breakGlassEmail) return null;
  return { user: { id: account.id, email: account.email, name: account.name, role: account.role }, alongside: account.alongside };
}

/** For pages: anonymous visitors go to sign-in; signed-in users without the permission get 403 UI. */
export async function requirePageUser(permission?: Permission): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  if (permission && !can(user.role, permission)) redirect("/forbidden");
  return user;
}

export type AuthFailure = { ok: false; error: { code: "unauthenticated" | "forbidden"; message: string } };

/**
 * For server actions: a typed failure instead of a redirect, so forms can show it. The caller
 * passes the cookie's claims it has read, and may pass the action's first read as an `alongside`
 * subquery (define-action.ts): its value comes back only to an allowed caller.
 */
export async function authorizeAction(permission: Permission, claims: SessionClaims | null, alongside?: Prisma.Sql): Promise<{ ok: true; user: SessionUser; alongside: unknown } | AuthFailure> {
  const live = await liveSessionUser(claims, alongside);
  if (!live) return { ok: false, error: { code: "unauthenticated", message: "Your session has ended. Sign in again." } };
  if (!can(live.user.role, permission)) {
    return { ok: false, error: { code: "forbidden", message: "Your role does not allow this action." } };
  }
  return { ok: true, user: live.user, alongside: live.alongside };
}
