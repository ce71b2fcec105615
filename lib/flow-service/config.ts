import { z } from "zod";
import { outboundPolicyFromEnv, type OutboundPolicy } from "@/lib/net/allowlist";

/**
 * Environment variables read by the Flow Service client. Empty strings count as "unset"
 * so that a blank line in an .env file falls back to the default instead of failing.
 */
const optionalInt = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const flowServiceEnvSchema = z.object({
  FLOW_SERVICE_URL: z.url().default("https://platform.adobe.io/data/foundation/flowservice"),
  ADOBE_IMS_URL: z.url().default("https://ims-na1.adobelogin.com/ims/token/v3"),
  ADOBE_CLIENT_ID: z.string().min(1, "is required"),
  ADOBE_CLIENT_SECRET: z.string().min(1, "is required"),
  ADOBE_ORG_ID: z.string().min(1, "is required"),
  ADOBE_SCOPES: z
    .string()
    .default("openid,AdobeID,read_organizations,additional_info.projectedProductContext,session"),
  ADOBE_SANDBOX: z.string().min(1).default("prod"),
  FLOW_SERVICE_TIMEOUT_MS: optionalInt(10_000, 100, 300_000),
  FLOW_SERVICE_MAX_RETRIES: optionalInt(3, 0, 10),
});

export type FlowServiceEnv = z.infer<typeof flowServiceEnvSchema>;

export interface FlowServiceConfig {
  /** Base URL including the path, e.g. https://platform.adobe.io/data/foundation/flowservice */
  baseUrl: string;
  imsUrl: string;
  clientId: string;
  clientSecret: string;
  orgId: string;
  scopes: string;
  /** Sandbox used when a call does not name one. */
  defaultSandbox: string;
  /** Egress policy for FLOW_SERVICE_URL and ADOBE_IMS_URL (lib/net); default: this process's OUTBOUND_ALLOW. */
  outbound?: OutboundPolicy;
  /** Deadline of one HTTP attempt (not of a whole paginated listing). */
  timeoutMs: number;
  /** Extra attempts after the first one, for failures that are safe to retry. */
  maxRetries: number;
  /** First backoff ceiling; doubles per attempt (full jitter). Default 200 ms. */
  backoffBaseMs?: number;
  /** Upper bound of one backoff sleep. Default 5 s. */
  backoffCapMs?: number;
  /** A Retry-After longer than this is not waited for: the error is surfaced. Default 30 s. */
  maxRetryAfterMs?: number;
  /**
   * Clock skew tolerated when deciding whether a connection found after an ambiguous create
   * was created by this attempt. Default 5 minutes.
   */
  createLookupSkewMs?: number;
}

/** Remove empty values so that `.default()` applies to them. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}

/**
 * Build the client configuration from environment variables. Throws an Error naming the
 * invalid variables (never their values, which may be secrets).
 */
export function flowServiceConfigFromEnv(env: Record<string, string | undefined>): FlowServiceConfig {
  const cleaned = withoutEmpty(env);
  const parsed = flowServiceEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".");
      return `${name} ${name in cleaned ? issue.message : "is required"}`;
    });
    throw new Error(`Invalid Flow Service configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    baseUrl: e.FLOW_SERVICE_URL.replace(/\/+$/, ""),
    imsUrl: e.ADOBE_IMS_URL,
    clientId: e.ADOBE_CLIENT_ID,
    clientSecret: e.ADOBE_CLIENT_SECRET,
    orgId: e.ADOBE_ORG_ID,
    scopes: e.ADOBE_SCOPES,
    defaultSandbox: e.ADOBE_SANDBOX,
    outbound: outboundPolicyFromEnv(cleaned),
    timeoutMs: e.FLOW_SERVICE_TIMEOUT_MS,
    maxRetries: e.FLOW_SERVICE_MAX_RETRIES,
  };
}
