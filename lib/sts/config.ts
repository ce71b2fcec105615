/**
 * Environment of the STS calls. Only where to send them: the console's own
 * AWS credentials come from the SDK's standard chain (AWS_ACCESS_KEY_ID,
 * AWS_PROFILE, instance/task roles...), never from this app's configuration.
 */
import { z } from "zod";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const stsEnvSchema = z.object({
  /** Unset on AWS (the SDK picks the regional STS endpoint); set for the local simulator or a VPC endpoint. */
  STS_ENDPOINT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://sts.eu-west-1.amazonaws.com" })
    .optional(),
  STS_REGION: z.string().regex(REGION, "must be an AWS region code such as us-east-1").default("us-east-1"),
});

export type StsEnv = z.infer<typeof stsEnvSchema>;
export type StsConfig = { endpoint?: string; region: string };

/**
 * Reads STS_ENDPOINT and STS_REGION. Blank values count as unset, so an empty
 * line in an .env file falls back to the default. Throws naming the variable.
 */
export function stsConfigFromEnv(env: Record<string, string | undefined>): StsConfig {
  const cleaned: Record<string, string> = {};
  for (const key of ["STS_ENDPOINT", "STS_REGION"] as const) {
    const value = env[key]?.trim();
    if (value) cleaned[key] = value;
  }
  const parsed = stsEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new Error(`Invalid STS configuration: ${problems.join("; ")}`);
  }
  return {
    ...(parsed.data.STS_ENDPOINT ? { endpoint: parsed.data.STS_ENDPOINT.replace(/\/+$/, "") } : {}),
    region: parsed.data.STS_REGION,
  };
}
