// What the console does with a user the identity provider vouched for (the ID token itself is
// verified by openid-client; tests/e2e/sso.spec.ts drives that against a real provider), and the
// password rules once local accounts are off.
import "../support/next-request";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { authorizeCredentials } from "@/lib/auth/authorize";
import { admitOidcUser } from "@/lib/auth/oidc/admit";
import type { OidcConfig } from "@/lib/auth/oidc/config";
import { parseRoleMap } from "@/lib/auth/oidc/role-map";
import { currentUser } from "@/lib/auth/session";
import { openSession } from "@/lib/auth/sessions";
import { THROTTLE_POLICY } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { createUser } from "@/lib/users/accounts";
import { request } from "../support/next-request";
import { resetDatabase } from "../support/reset";

const roleMap = parseRoleMap("admins:admin,ops:operator,readers:viewer");
if (!roleMap.ok) throw new Error(roleMap.message);
const CONFIG: OidcConfig = { issuer: "https://idp.example", discoveryUrl: "https://idp.example/.well-known/openid-configuration", clientId: "console", clientSecret: "secret", name: "Example IdP", scopes: ["openid"], groupsClaim: "groups", roleMap: roleMap.value };
const profile = (groups: string[], overrides: Partial<{ id: string; email: string; name: string }> = {}) => ({ id: "sub-123", email: "pat@corp.example", name: "Pat", groups, ...overrides });

describe(`single sign-on admission (${inject("databaseTarget")})`, () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("creates the user on first sign-in with the mapped role, then re-evaluates the role at each sign-in", async () => {
    const first = await admitOidcUser(profile(["readers", "ops"]), CONFIG, "203.0.113.1");
    expect(first).toEqual({ ok: true, user: { id: expect.any(String), email: "pat@corp.example", name: "Pat", role: "operator" } });
    expect(await db.user.findUnique({ where: { email: "pat@corp.example" } })).toMatchObject({ role: "operator", passwordHash: null, oidcIssuer: "https://idp.example", oidcSubject: "sub-123" });

    const promoted = await admitOidcUser(profile(["admins"], { name: "Pat Admin" }), CONFIG, "203.0.113.1");
    expect(promoted).toMatchObject({ ok: true, user: { role: "admin", name: "Pat Admin" } });
    const demoted = await admitOidcUser(profile(["readers"]), CONFIG, "203.0.113.1");
    expect(demoted).toMatchObject({ ok: true, user: { role: "viewer" } });
    expect(await db.user.count()).toBe(1);
    const audit = await db.auditEvent.findMany({ where: { action: "auth.sign_in" }, orderBy: { occurredAt: "asc" } });
    expect(audit.map((e) => [e.outcome, (e.details as { role?: string }).role])).toEqual([["success", "operator"], ["success", "admin"], ["success", "viewer"]]);
  });

  it("refuses a user whose groups map to no role: no account, an audited and counted failure", async () => {
    expect(await admitOidcUser(profile(["contractors", "everyone"]), CONFIG, "203.0.113.2")).toEqual({ ok: false, error: "NoRole" });
    expect(await admitOidcUser(profile([]), CONFIG, "203.0.113.2")).toEqual({ ok: false, error: "NoRole" });
    expect(await db.user.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "auth.sign_in", outcome: "failure" } })).toBe(2);
    expect(await db.signInThrottle.findUnique({ where: { key: "ip:203.0.113.2" } })).toMatchObject({ failures: 2 });
  });

  it("never merges with another account on the email alone, and refuses a token without an email", async () => {
    await createUser({ email: "pat@corp.example", name: "Local Pat", role: "viewer", password: "a local password 123" });
    expect(await admitOidcUser(profile(["admins"]), CONFIG, undefined)).toEqual({ ok: false, error: "EmailTaken" });
    expect(await db.user.findUnique({ where: { email: "pat@corp.example" } })).toMatchObject({ role: "viewer", oidcSubject: null });
    expect(await admitOidcUser({ id: "sub-9", groups: ["admins"] }, CONFIG, undefined)).toEqual({ ok: false, error: "NoEmail" });
  });

  it("refuses a disabled account, and a throttled address before anything else", async () => {
    const admitted = await admitOidcUser(profile(["ops"]), CONFIG, undefined);
    if (!admitted.ok) throw new Error("expected admission");
    await db.user.update({ where: { id: admitted.user.id }, data: { disabledAt: new Date() } });
    expect(await admitOidcUser(profile(["ops"]), CONFIG, undefined)).toEqual({ ok: false, error: "AccountDisabled" });

    for (let i = 0; i < THROTTLE_POLICY.freeFailures; i++) await admitOidcUser(profile(["nobody"], { id: `x${i}`, email: `x${i}@corp.example` }), CONFIG, "203.0.113.3");
    expect(await admitOidcUser(profile(["admins"], { id: "new", email: "new@corp.example" }), CONFIG, "203.0.113.3")).toEqual({ ok: false, error: "Throttled" });
    expect(await db.user.findUnique({ where: { email: "new@corp.example" } })).toBeNull();
  });
});

describe(`local accounts off (${inject("databaseTarget")})`, () => {
  const BREAK_GLASS = { localAccounts: "break-glass", breakGlassEmail: "root@corp.example" } as const;

  beforeEach(async () => {
    await resetDatabase();
    await createUser({ email: "root@corp.example", name: "Root", role: "admin", password: "break glass password" });
    await createUser({ email: "ops@corp.example", name: "Ops", role: "operator", password: "ops local password" });
  });
  afterEach(() => {
    for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ROLE_MAP", "LOCAL_ACCOUNTS", "BREAK_GLASS_EMAIL"]) delete process.env[name];
    resetServerEnv();
  });

  it("only the break-glass admin signs in with a password, and every such sign-in is audited as break-glass", async () => {
    expect(await authorizeCredentials({ email: "ops@corp.example", password: "ops local password" }, undefined, BREAK_GLASS)).toEqual({ ok: false, reason: "invalid" });
    const root = await authorizeCredentials({ email: "root@corp.example", password: "break glass password" }, undefined, BREAK_GLASS);
    expect(root).toMatchObject({ ok: true, breakGlass: true, user: { email: "root@corp.example", role: "admin" } });
    expect(await db.auditEvent.findFirst({ where: { action: "auth.break_glass_sign_in" } })).toMatchObject({ actorEmail: "root@corp.example", outcome: "success", details: { breakGlass: true } });
    // A break-glass email that is not an admin is no door at all.
    await db.user.update({ where: { email: "root@corp.example" }, data: { role: "operator" } });
    expect(await authorizeCredentials({ email: "root@corp.example", password: "break glass password" }, undefined, BREAK_GLASS)).toEqual({ ok: false, reason: "invalid" });
  });

  it("ends password sessions opened before local accounts were turned off, except the break-glass admin's", async () => {
    const ops = await db.user.findUniqueOrThrow({ where: { email: "ops@corp.example" } });
    const root = await db.user.findUniqueOrThrow({ where: { email: "root@corp.example" } });
    const sso = await admitOidcUser(profile(["ops"]), CONFIG, undefined);
    if (!sso.ok) throw new Error("expected admission");
    const sessions = { ops: await openSession(ops.id, 3600), root: await openSession(root.id, 3600), sso: await openSession(sso.user.id, 3600) };
    const who = async (user: { id: string; email: string }, sessionId: string) => {
      request.user = { id: user.id, email: user.email, name: "x", role: "viewer", sessionId };
      return (await currentUser())?.email ?? null;
    };
    expect(await who(ops, sessions.ops)).toBe("ops@corp.example");

    Object.assign(process.env, { OIDC_ISSUER: CONFIG.issuer, OIDC_CLIENT_ID: "console", OIDC_CLIENT_SECRET: "secret", OIDC_ROLE_MAP: "ops:operator", LOCAL_ACCOUNTS: "off", BREAK_GLASS_EMAIL: "root@corp.example" });
    resetServerEnv();
    expect(await who(ops, sessions.ops)).toBeNull();
    expect(await who(root, sessions.root)).toBe("root@corp.example");
    expect(await who(sso.user, sessions.sso)).toBe("pat@corp.example");
  });
});
