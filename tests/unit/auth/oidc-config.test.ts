import { describe, expect, it } from "vitest";
import { authEnvProblem, authEnvSchema, authSignInConfig } from "@/lib/auth/config";
import { groupsFromClaim, parseRoleMap, roleForGroups, type RoleMap } from "@/lib/auth/oidc/role-map";

const SSO = {
  OIDC_ISSUER: "https://example.okta.com/oauth2/default",
  OIDC_CLIENT_ID: "console",
  OIDC_CLIENT_SECRET: "a-client-secret-value",
  OIDC_ROLE_MAP: "admins:admin,ops:operator,readers:viewer",
};

function map(raw: string): RoleMap {
  const parsed = parseRoleMap(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

describe("OIDC_ROLE_MAP", () => {
  it("maps groups to roles; the role is after the last colon", () => {
    expect([...map("admins:admin, ops:operator ,readers:viewer")]).toEqual([["admins", "admin"], ["ops", "operator"], ["readers", "viewer"]]);
    expect([...map("urn:okta:console-admins:admin")]).toEqual([["urn:okta:console-admins", "admin"]]);
  });

  it.each([
    ["admins:superuser", /names an unknown role "superuser" \(roles are viewer, operator, admin\)/],
    ["admins", /entry "admins" is not group:role/],
    [":admin", /entry ":admin" is not group:role/],
    ["admins:", /entry "admins:" is not group:role/],
    ["admins:admin,admins:viewer", /maps group "admins" to two roles/],
    [" , ", /maps no group to a role/],
  ])("refuses %j", (raw, message) => {
    const parsed = parseRoleMap(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it("gives the highest role of the user's mapped groups, or none", () => {
    const roles = map("admins:admin,ops:operator,readers:viewer");
    expect(roleForGroups(["readers", "admins"], roles)).toBe("admin");
    expect(roleForGroups(["everyone", "ops", "readers"], roles)).toBe("operator");
    expect(roleForGroups(["readers"], roles)).toBe("viewer");
    expect(roleForGroups(["contractors", "everyone"], roles)).toBeNull();
    expect(roleForGroups([], roles)).toBeNull();
    // Group names are compared exactly.
    expect(roleForGroups(["Admins", "admins "], roles)).toBeNull();
  });

  it("reads the groups claim as a list or as one string", () => {
    expect(groupsFromClaim(["a", "b", 3, null])).toEqual(["a", "b"]);
    expect(groupsFromClaim("a b,c")).toEqual(["a", "b", "c"]);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
  });
});

describe("single sign-on environment", () => {
  it("is off by default: local accounts only, npm start stays zero-config", () => {
    expect(authEnvProblem({})).toBeUndefined();
    const config = authSignInConfig(authEnvSchema.parse({}));
    expect(config).toEqual({ oidc: null, localAccounts: "on", breakGlassEmail: "admin@example.com" });
  });

  it("turns on with an issuer, a client and a role map; defaults the rest", () => {
    expect(authEnvProblem(SSO)).toBeUndefined();
    const config = authSignInConfig(authEnvSchema.parse({ ...SSO, OIDC_ISSUER: `${SSO.OIDC_ISSUER}/` }));
    expect(config.oidc).toMatchObject({ issuer: SSO.OIDC_ISSUER, discoveryUrl: `${SSO.OIDC_ISSUER}/.well-known/openid-configuration`, clientId: "console", name: "SSO", scopes: ["openid", "email", "profile"], groupsClaim: "groups" });
    expect(config.localAccounts).toBe("on");
  });

  it("with LOCAL_ACCOUNTS=off keeps one break-glass admin (BREAK_GLASS_EMAIL, else ADMIN_EMAIL)", () => {
    expect(authSignInConfig(authEnvSchema.parse({ ...SSO, LOCAL_ACCOUNTS: "off" }))).toMatchObject({ localAccounts: "break-glass", breakGlassEmail: "admin@example.com" });
    expect(authSignInConfig(authEnvSchema.parse({ ...SSO, LOCAL_ACCOUNTS: "off", ADMIN_EMAIL: "root@corp.example" }))).toMatchObject({ breakGlassEmail: "root@corp.example" });
    expect(authSignInConfig(authEnvSchema.parse({ ...SSO, LOCAL_ACCOUNTS: "off", BREAK_GLASS_EMAIL: "Glass@Corp.example" }))).toMatchObject({ breakGlassEmail: "glass@corp.example" });
  });

  it.each([
    [{ ...SSO, OIDC_ISSUER: "example.okta.com" }, /^OIDC_ISSUER must be the identity provider's issuer URL/],
    [{ ...SSO, OIDC_ISSUER: "ftp://example.okta.com" }, /^OIDC_ISSUER must be the identity provider's issuer URL/],
    [{ ...SSO, OIDC_CLIENT_SECRET: undefined }, /^OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set/],
    [{ ...SSO, OIDC_CLIENT_ID: undefined }, /^OIDC_CLIENT_ID is required when OIDC_ISSUER is set/],
    [{ ...SSO, OIDC_ROLE_MAP: undefined }, /^OIDC_ROLE_MAP is required when OIDC_ISSUER is set/],
    [{ ...SSO, OIDC_ROLE_MAP: "admins:root" }, /^OIDC_ROLE_MAP names an unknown role "root"/],
    [{ ...SSO, OIDC_SCOPES: "email profile" }, /^OIDC_SCOPES must include "openid"/],
    [{ ...SSO, LOCAL_ACCOUNTS: "no" }, /^LOCAL_ACCOUNTS must be "on" or "off"/],
    [{ LOCAL_ACCOUNTS: "off" }, /^LOCAL_ACCOUNTS can be off only with single sign-on/],
    [{ ...SSO, OIDC_DISCOVERY_URL: "not a url" }, /^OIDC_DISCOVERY_URL must be the URL of the provider's openid-configuration document/],
    [{ ...SSO, BREAK_GLASS_EMAIL: "root" }, /^BREAK_GLASS_EMAIL must be an email address/],
  ])("stops the start with one line naming the variable (%#)", (source, message) => {
    const problem = authEnvProblem(source);
    expect(problem).toMatch(message);
    expect(problem).not.toContain("\n");
    // Never the secret itself.
    expect(problem).not.toContain(SSO.OIDC_CLIENT_SECRET);
  });
});
