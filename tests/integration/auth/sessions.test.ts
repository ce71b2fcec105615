// Revocable sessions: the session cookie names a server-side row, and every page and action checks
// it with the account. A copied cookie (the same claims, replayed) stops working on the next request
// after sign-out, "sign out everywhere", an admin's "end sessions" or disabling the account.
import "../support/next-request";
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { switchSandboxAction } from "@/app/(console)/sandbox-actions";
import { signOutEverywhereAction } from "@/app/(console)/session-actions";
import { endUserSessionsAction, setUserDisabledAction } from "@/app/(console)/settings/actions";
import { authorizeCredentials } from "@/lib/auth/authorize";
import { authOptions } from "@/lib/auth/options";
import { currentUser, requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { createUser } from "@/lib/users/accounts";
import { resetDatabase } from "../support/reset";
import { request, signInForTest } from "../support/next-request";

type Cookie = NonNullable<typeof request.user>;

const SESSION_COOKIE = "next-auth.session-token";

/** What a page load does with a cookie: the signed-in user, or the redirect to sign-in. */
async function pageLoad(cookie: Cookie | null): Promise<string> {
  request.user = cookie;
  try {
    const user = await requirePageUser();
    return `page for ${user.email}`;
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return `redirect ${digest.split(";")[2]}`;
    throw error;
  }
}

async function action(cookie: Cookie | null): Promise<string> {
  request.user = cookie;
  const result = await switchSandboxAction("dev");
  return result.ok ? "ok" : result.error.code;
}

async function signedIn(role: "admin" | "operator" | "viewer", email?: string): Promise<Cookie> {
  await signInForTest(role, email);
  return { ...request.user! };
}

describe(`revocable sessions (${inject("databaseTarget")})`, () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("a live session opens pages and actions, with the account as the database has it now", async () => {
    const cookie = await signedIn("operator");
    expect(await pageLoad(cookie)).toBe("page for operator@example.com");
    expect(await action(cookie)).toBe("ok");
    // A role change is seen on the next request, whatever the cookie says.
    await db.user.update({ where: { id: cookie.id }, data: { role: "viewer" } });
    request.user = cookie;
    expect((await currentUser())?.role).toBe("viewer");
  });

  it("after sign out everywhere, every copy of the cookie gets the sign-in page and `unauthenticated`", async () => {
    const laptop = await signedIn("operator");
    const phone = { ...laptop, sessionId: (await signedIn("operator")).sessionId };
    request.user = laptop;
    expect(await signOutEverywhereAction()).toEqual({ ok: true, data: { ended: 2 } });
    for (const copy of [laptop, phone]) {
      expect(await pageLoad(copy)).toBe("redirect /sign-in");
      expect(await action(copy)).toBe("unauthenticated");
    }
    const audit = await db.auditEvent.findMany({ where: { action: "auth.sign_out_everywhere" } });
    expect(audit).toMatchObject([{ actorEmail: "operator@example.com", targetId: laptop.id, outcome: "success", details: { sessionsEnded: 2 } }]);
    // Signing in again opens a new session that works.
    expect(await action(await signedIn("operator"))).toBe("ok");
  });

  it("sign-out ends that session on the server and no other", async () => {
    const kept = await signedIn("viewer");
    const leaving = await signedIn("viewer");
    await authOptions().events!.signOut!({ token: { sid: leaving.sessionId }, session: undefined as never });
    expect(await pageLoad(leaving)).toBe("redirect /sign-in");
    expect(await action(leaving)).toBe("unauthenticated");
    expect(await pageLoad(kept)).toBe("page for viewer@example.com");
    expect(await db.auditEvent.count({ where: { action: "auth.sign_out", targetId: leaving.sessionId } })).toBe(1);
  });

  it("a session past its end, or a cookie naming no session, is refused", async () => {
    const cookie = await signedIn("viewer");
    await db.userSession.update({ where: { id: cookie.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await pageLoad(cookie)).toBe("redirect /sign-in");
    expect(await action({ ...cookie, sessionId: randomUUID() })).toBe("unauthenticated");
    expect(await action({ ...cookie, sessionId: "not-a-uuid" })).toBe("unauthenticated");
    expect(await action({ ...cookie, sessionId: "" })).toBe("unauthenticated");
  });

  it("an admin ends another user's sessions: effective on the next request, audited", async () => {
    const admin = await signedIn("admin");
    const viewer = await signedIn("viewer");
    request.user = admin;
    expect(await endUserSessionsAction(viewer.id)).toEqual({ ok: true, data: { email: "viewer@example.com", ended: 1 } });
    expect(await pageLoad(viewer)).toBe("redirect /sign-in");
    expect(await action(viewer)).toBe("unauthenticated");
    expect(await pageLoad(admin)).toBe("page for admin@example.com");
    expect(await db.auditEvent.findFirst({ where: { action: "user.sessions_ended" } })).toMatchObject({ actorEmail: "admin@example.com", targetType: "user", targetId: viewer.id });
  });

  it("a disabled user's cookie stops working and the password no longer signs in; enabling restores sign-in", async () => {
    await createUser({ email: "ops@example.com", name: "Ops", role: "operator", password: "correct horse battery" });
    const admin = await signedIn("admin");
    const ops = await signedIn("operator", "ops@example.com");
    request.user = admin;
    expect(await setUserDisabledAction(ops.id, true)).toEqual({ ok: true, data: { email: "ops@example.com", disabled: true, ended: 1 } });
    expect(await pageLoad(ops)).toBe("redirect /sign-in");
    expect(await action(ops)).toBe("unauthenticated");
    expect(await authorizeCredentials({ email: "ops@example.com", password: "correct horse battery" })).toEqual({ ok: false, reason: "disabled" });
    // A session opened somehow after disabling (a sign-in in flight) is refused all the same.
    request.user = { ...ops, sessionId: (await signedIn("admin")).sessionId };
    expect(await currentUser()).toBeNull();

    request.user = admin;
    expect(await setUserDisabledAction(ops.id, false)).toMatchObject({ ok: true, data: { disabled: false } });
    expect(await authorizeCredentials({ email: "ops@example.com", password: "correct horse battery" })).toMatchObject({ ok: true });
    const actions = (await db.auditEvent.findMany({ where: { targetId: ops.id }, orderBy: { occurredAt: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["user.disabled", "user.enabled"]);
  });

  it("refuses to disable yourself, names an unknown user, and changes nothing for a repeated request", async () => {
    const admin = await signedIn("admin");
    const viewer = await signedIn("viewer");
    request.user = admin;
    expect(await setUserDisabledAction(admin.id, true)).toMatchObject({ ok: false, error: { code: "validation", message: "You cannot disable your own account." } });
    expect(await pageLoad(admin)).toBe("page for admin@example.com");
    expect(await setUserDisabledAction(randomUUID(), true)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await endUserSessionsAction(randomUUID())).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await setUserDisabledAction(viewer.id, false)).toEqual({ ok: true, data: { email: "viewer@example.com", disabled: false, ended: 0 } });
    expect(await db.auditEvent.count({ where: { targetType: "user" } })).toBe(0);
  });

  it("reads only a cookie the console signed and that has not expired", async () => {
    const cookie = await signedIn("operator");
    const claims = { sub: cookie.id, sid: cookie.sessionId, role: cookie.role };
    const secret = serverEnv().AUTH_SECRET;
    request.user = null;
    try {
      request.cookies.set(SESSION_COOKIE, await encode({ token: claims, secret }));
      expect((await currentUser())?.email).toBe("operator@example.com");
      // Same claims, another secret: a forged cookie.
      request.cookies.set(SESSION_COOKIE, await encode({ token: claims, secret: `${secret}-forged` }));
      expect(await currentUser()).toBeNull();
      // Signed by the console, expired a minute ago (past next-auth's 15 s clock tolerance).
      request.cookies.set(SESSION_COOKIE, await encode({ token: claims, secret, maxAge: -60 }));
      expect(await currentUser()).toBeNull();
      // A cookie without the session row's id names no session.
      request.cookies.set(SESSION_COOKIE, await encode({ token: { sub: cookie.id }, secret }));
      expect(await currentUser()).toBeNull();
      request.cookies.set(SESSION_COOKIE, "not a token");
      expect(await action(null)).toBe("unauthenticated");
    } finally {
      request.cookies.delete(SESSION_COOKIE);
    }
  });
});
