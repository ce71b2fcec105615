import { describe, expect, it } from "vitest";
import { authEnvProblem } from "@/lib/auth/config";
import { parseTrustProxy } from "@/lib/auth/trust-proxy";
import { EnvError, parseServerEnv } from "@/lib/env";

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, { kind: "none" }],
    ["", { kind: "none" }],
    ["0", { kind: "none" }],
    ["false", { kind: "none" }],
    ["1", { kind: "hops", hops: 1 }],
    [" 2 ", { kind: "hops", hops: 2 }],
    ["10.0.0.1", { kind: "addresses", entries: ["10.0.0.1"] }],
    ["10.0.0.0/8, 192.168.1.7", { kind: "addresses", entries: ["10.0.0.0/8", "192.168.1.7"] }],
    ["fd00::/8,::1", { kind: "addresses", entries: ["fd00::/8", "::1"] }],
    ["loopback,uniquelocal", { kind: "addresses", entries: ["loopback", "uniquelocal"] }],
    ["10.0.0.0/255.0.0.0", { kind: "addresses", entries: ["10.0.0.0/255.0.0.0"] }],
  ])("accepts %j", (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["true", /"true" would believe any address a client writes/],
    ["yes", /"yes" is neither/],
    ["10.0.0.0/33", /"10.0.0.0\/33" is neither/],
    ["10.0.0.1,proxy.internal", /"proxy.internal" is neither/],
    ["300.1.1.1", /"300.1.1.1" is neither/],
    ["-1", /"-1" is neither/],
    ["1.5", /is neither/],
    ["99", /99 hops is more than 32/],
  ])("refuses %j with a sentence that says what is expected", (raw, reason) => {
    const parsed = parseTrustProxy(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(/^must be a number of proxy hops \(for example 1\) or a comma-separated list of proxy addresses or CIDR ranges/);
      expect(parsed.message).toMatch(reason);
    }
  });

  it("stops the start with one line naming the variable", () => {
    const problem = authEnvProblem({ TRUST_PROXY: "proxy.internal" });
    expect(problem).toMatch(/^TRUST_PROXY must be a number of proxy hops/);
    expect(problem).not.toContain("\n");
    expect(authEnvProblem({ TRUST_PROXY: "1" })).toBeUndefined();
    expect(authEnvProblem({})).toBeUndefined();
  });

  it("is part of the server environment", () => {
    const valid = { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/console", AUTH_SECRET: "x".repeat(40), ADOBE_CLIENT_ID: "id", ADOBE_CLIENT_SECRET: "secret", ADOBE_ORG_ID: "ORG@AdobeOrg" };
    expect(parseServerEnv(valid).TRUST_PROXY).toEqual({ kind: "none" });
    expect(parseServerEnv({ ...valid, TRUST_PROXY: "2" }).TRUST_PROXY).toEqual({ kind: "hops", hops: 2 });
    expect(() => parseServerEnv({ ...valid, TRUST_PROXY: "everyone" })).toThrow(EnvError);
    expect(() => parseServerEnv({ ...valid, TRUST_PROXY: "everyone" })).toThrow(/TRUST_PROXY must be a number of proxy hops/);
  });
});
