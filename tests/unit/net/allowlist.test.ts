// OUTBOUND_ALLOW: the documented syntax, one clear line for a bad value, and how the stack adds
// its own services to it.
import { describe, expect, it } from "vitest";
import { EnvError, parseServerEnv } from "@/lib/env";
import { isAllowlisted, outboundPolicyFromEnv, parseOutboundAllow, withAllowedOrigins } from "@/lib/net";
import { parseStackEnv, StackStartError } from "@/scripts/stack/config";

const SERVER_ENV = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/console",
  AUTH_SECRET: "x".repeat(40),
  ADOBE_CLIENT_ID: "id",
  ADOBE_CLIENT_SECRET: "secret",
  ADOBE_ORG_ID: "ORG@AdobeOrg",
};

describe("OUTBOUND_ALLOW syntax", () => {
  it("reads origins and host:port entries, with default ports", () => {
    const result = parseOutboundAllow(" http://127.0.0.1:4569 ,https://minio.internal:9000,vpce.internal:8443, https://s3.internal, http://[::1]:80/ ,");
    expect(result).toEqual({
      ok: true,
      allow: [
        { protocol: "http:", host: "127.0.0.1", port: 4569 },
        { protocol: "https:", host: "minio.internal", port: 9000 },
        { protocol: "https:", host: "vpce.internal", port: 8443 },
        { protocol: "https:", host: "s3.internal", port: 443 },
        { protocol: "http:", host: "::1", port: 80 },
      ],
    });
  });

  it("treats unset and blank as no entries", () => {
    expect(parseOutboundAllow(undefined)).toEqual({ ok: true, allow: [] });
    expect(parseOutboundAllow("  , ")).toEqual({ ok: true, allow: [] });
  });

  it.each([
    ["127.0.0.1", /needs a scheme .* or a port/],
    ["minio.internal", /needs a scheme/],
    ["ftp://files.internal:21", /must use http:\/\/ or https:\/\//],
    ["https://*.internal", /one host \(no wildcards\)/],
    ["https://user:pw@minio.internal", /user name or password/],
    ["https://minio.internal/bucket", /origin only/],
    ["https://minio.internal?x=1", /origin only/],
    ["http://exa mple.com", /is not an origin/],
  ])("refuses %j with a line that says why", (value, problem) => {
    const result = parseOutboundAllow(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it("matches scheme, host and port exactly", () => {
    const policy = outboundPolicyFromEnv({ OUTBOUND_ALLOW: "http://127.0.0.1:4569" });
    expect(isAllowlisted(policy, "http:", "127.0.0.1", 4569)).toBe(true);
    expect(isAllowlisted(policy, "https:", "127.0.0.1", 4569)).toBe(false);
    expect(isAllowlisted(policy, "http:", "127.0.0.1", 4570)).toBe(false);
    expect(isAllowlisted(policy, "http:", "localhost", 4569)).toBe(false);
  });
});

describe("validation at start", () => {
  it("the console's environment names the bad entry in one line", () => {
    expect(() => parseServerEnv({ ...SERVER_ENV, OUTBOUND_ALLOW: "http://127.0.0.1:4569,localhost" })).toThrow(EnvError);
    expect(() => parseServerEnv({ ...SERVER_ENV, OUTBOUND_ALLOW: "http://127.0.0.1:4569,localhost" })).toThrow(/OUTBOUND_ALLOW entry "localhost" needs a scheme/);
    expect(parseServerEnv({ ...SERVER_ENV, OUTBOUND_ALLOW: "http://127.0.0.1:4569" }).OUTBOUND_ALLOW).toBe("http://127.0.0.1:4569");
  });

  it("npm start stops with one line too", () => {
    expect(() => parseStackEnv({ OUTBOUND_ALLOW: "https://*.internal" })).toThrow(StackStartError);
    expect(() => parseStackEnv({ OUTBOUND_ALLOW: "https://*.internal" })).toThrow(/^OUTBOUND_ALLOW: entry "https:\/\/\*\.internal" must name one host/);
  });

  it("outboundPolicyFromEnv throws naming the variable", () => {
    expect(() => outboundPolicyFromEnv({ OUTBOUND_ALLOW: "nope" })).toThrow(/^OUTBOUND_ALLOW entry "nope"/);
  });
});

describe("withAllowedOrigins (how npm start and the tests allow their simulators)", () => {
  it("appends the origins of the given URLs after what is configured, without duplicates", () => {
    expect(
      withAllowedOrigins("https://minio.internal:9000", ["http://127.0.0.1:4569", undefined, "http://127.0.0.1:4010/data/foundation/flowservice", "http://127.0.0.1:4010/ims/token/v3"]),
    ).toBe("https://minio.internal:9000,http://127.0.0.1:4569,http://127.0.0.1:4010");
    expect(withAllowedOrigins(undefined, [])).toBe("");
  });
});
