/**
 * The same contract suite against the REAL Adobe Flow Service. It runs only when
 * ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and FLOW_SERVICE_URL are set and the URL
 * is not a loopback address (a local simulator is not "live"). It creates one connection named
 * s3-console-contract-<uuid> in ADOBE_SANDBOX (default "prod") with placeholder Access Key
 * credentials, and deletes it at the end.
 */
import { describe } from "vitest";
import { createFlowServiceClient, flowServiceConfigFromEnv, type FlowServiceConfig } from "@/lib/flow-service";
import { defineConnectionContract } from "./support/contract-suite";
import { defineDataflowContract } from "./support/dataflow-contract-suite";

const REQUIRED = ["ADOBE_CLIENT_ID", "ADOBE_CLIENT_SECRET", "ADOBE_ORG_ID", "FLOW_SERVICE_URL"] as const;
const missing = REQUIRED.filter((name) => !process.env[name]);

function loopback(url: string | undefined): boolean {
  try {
    return url !== undefined && ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

const skipReason =
  missing.length > 0
    ? `missing ${missing.join(", ")}`
    : loopback(process.env.FLOW_SERVICE_URL)
      ? "FLOW_SERVICE_URL points at a loopback address (a simulator, not the live service)"
      : undefined;

if (skipReason) {
  console.warn(
    [
      "",
      "############################################################################",
      "#  LIVE Flow Service contract run SKIPPED: " + skipReason,
      "#  Only the local simulator was tested. To run against Adobe, set",
      "#  ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and FLOW_SERVICE_URL",
      "#  (optionally ADOBE_SANDBOX, ADOBE_IMS_URL, ADOBE_SCOPES).",
      "############################################################################",
      "",
    ].join("\n"),
  );
}

describe.skipIf(skipReason !== undefined)(
  `Flow Service contract — LIVE Adobe service${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    const config: FlowServiceConfig | undefined = skipReason ? undefined : flowServiceConfigFromEnv(process.env);
    const make = (overrides: Partial<FlowServiceConfig> = {}) => {
      if (!config) throw new Error("live configuration unavailable");
      return createFlowServiceClient({ ...config, ...overrides });
    };
    defineConnectionContract(
      () => ({
        client: make(),
        clientWith: make,
        // AWS's documented example key pair: syntactically valid, never valid for access.
        accessKeyParams: { s3AccessKey: "AKIAIOSFODNN7EXAMPLE", s3SecretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
      }),
      { simulator: false },
    );
    // Read-only: lists whatever source connections, flows and runs the sandbox already has.
    defineDataflowContract(() => ({ client: make(), sandbox: process.env.ADOBE_SANDBOX ?? "prod" }), { simulator: false });
  },
);
