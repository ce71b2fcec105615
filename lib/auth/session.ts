// Session checks for server components and server actions. The proxy only redirects anonymous
// page visits; every action and page still checks here, because actions can be called directly.
import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { db } from "@/lib/db";
import { authOptions } from "./options";
import { can, type Permission, type Role } from "./roles";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/** Read once per request, however many layouts, pages and actions ask (React's request cache). */
export const currentUser = cache(async function currentUser(): Promise<SessionUser | null> {
  // A session is per request: never let a page that asks for it be prerendered at build time.
  await connection();
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role };
});

/** For pages: anonymous visitors go to sign-in; signed-in users without the permission get 403 UI. */
export async function requirePageUser(permission?: Permission): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  if (permission && !can(user.role, permission)) redirect("/forbidden");
  return user;
}

export type AuthFailure = { ok: false; error: { code: "unauthenticated" | "forbidden"; message: string } };

/**
 * For server actions: a typed failure instead of a redirect, so forms can show it. The account is
 * re-read from the database, so a deleted user or a changed role takes effect at once rather
 * than when the session token expires.
 */
export async function authorizeAction(permission: Permission): Promise<{ ok: true; user: SessionUser } | AuthFailure> {
  const session = await currentUser();
  const account = session ? await db.user.findUnique({ where: { id: session.id }, select: { id: true, email: true, name: true, role: true } }) : null;
  const user = account ? { ...account, role: account.role as Role } : null;
  if (!user) return { ok: false, error: { code: "unauthenticated", message: "Your session has ended. Sign in again." } };
  if (!can(user.role, permission)) {
    return { ok: false, error: { code: "forbidden", message: "Your role does not allow this action." } };
  }
  return { ok: true, user };
}
