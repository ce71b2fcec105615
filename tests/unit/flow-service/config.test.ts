import { describe, expect, it } from "vitest";
import { flowServiceConfigFromEnv, flowServiceEnvSchema } from "@/lib/flow-service";

const REQUIRED = { ADOBE_CLIENT_ID: "id", ADOBE_CLIENT_SECRET: "very-secret", ADOBE_ORG_ID: "ORG@AdobeOrg" };

describe("flowServiceConfigFromEnv", () => {
  it("applies the documented defaults", () => {
    expect(flowServiceConfigFromEnv(REQUIRED)).toEqual({
      baseUrl: "https://platform.adobe.io/data/foundation/flowservice",
      imsUrl: "https://ims-na1.adobelogin.com/ims/token/v3",
      clientId: "id",
      clientSecret: "very-secret",
      orgId: "ORG@AdobeOrg",
      scopes: "openid,AdobeID,read_organizations,additional_info.projectedProductContext,session",
      defaultSandbox: "prod",
      timeoutMs: 10_000,
      maxRetries: 3,
      // No OUTBOUND_ALLOW: Flow Service and IMS may only be public https origins.
      outbound: { allow: [] },
    });
  });

  it("carries the egress allowlist of the same environment", () => {
    const config = flowServiceConfigFromEnv({ ...REQUIRED, OUTBOUND_ALLOW: "http://127.0.0.1:4010" });
    expect(config.outbound).toEqual({ allow: [{ protocol: "http:", host: "127.0.0.1", port: 4010 }] });
    expect(() => flowServiceConfigFromEnv({ ...REQUIRED, OUTBOUND_ALLOW: "127.0.0.1" })).toThrow(/OUTBOUND_ALLOW entry "127.0.0.1"/);
  });

  it("reads overrides, coerces numbers and trims a trailing slash", () => {
    const config = flowServiceConfigFromEnv({
      ...REQUIRED,
      FLOW_SERVICE_URL: "http://127.0.0.1:4010/data/foundation/flowservice/",
      ADOBE_SANDBOX: "dev",
      FLOW_SERVICE_TIMEOUT_MS: "2500",
      FLOW_SERVICE_MAX_RETRIES: "0",
    });
    expect(config).toMatchObject({ baseUrl: "http://127.0.0.1:4010/data/foundation/flowservice", defaultSandbox: "dev", timeoutMs: 2_500, maxRetries: 0 });
  });

  it("treats empty strings as unset", () => {
    expect(flowServiceConfigFromEnv({ ...REQUIRED, ADOBE_SANDBOX: "", FLOW_SERVICE_TIMEOUT_MS: " " })).toMatchObject({ defaultSandbox: "prod", timeoutMs: 10_000 });
  });

  it("names missing and invalid variables without printing any value", () => {
    let message = "";
    try {
      flowServiceConfigFromEnv({ ADOBE_CLIENT_SECRET: "very-secret", FLOW_SERVICE_URL: "not a url", FLOW_SERVICE_MAX_RETRIES: "-1" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("ADOBE_CLIENT_ID is required");
    expect(message).toContain("ADOBE_ORG_ID is required");
    expect(message).toContain("FLOW_SERVICE_URL");
    expect(message).toContain("FLOW_SERVICE_MAX_RETRIES");
    expect(message).not.toContain("very-secret");
    expect(message).not.toContain("not a url");
  });

  it("exposes the schema for other modules' env validation", () => {
    expect(flowServiceEnvSchema.safeParse(REQUIRED).success).toBe(true);
  });
});
