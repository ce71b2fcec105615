/**
 * mintSessionCredentials: the console's only call to AWS STS.
 *
 * The console assumes the connection's rotation role with its OWN AWS
 * identity, which comes from the SDK's default credential chain (env vars,
 * profiles, SSO, instance/task roles) unless a caller passes credentials, as
 * the tests do. Failures are returned, never thrown, each with a fix.
 */
import "server-only";
import { AssumeRoleCommand, STSClient, type STSClientConfig } from "@aws-sdk/client-sts";
import { guardedAgents } from "@/lib/net/agents";
import { outboundPolicyFromEnv, type OutboundPolicy } from "@/lib/net/allowlist";
import { callDeadline } from "@/lib/net/deadline";
import { describeStsError, type StsFailure } from "./errors";
import { isValidRoleSessionName, rotationSourceSchema } from "./rotation-source";

export const DEFAULT_STS_TIMEOUT_MS = 10_000;
const DEFAULT_SESSION_NAME = "s3-source-console";

export type MintSource = {
  roleArn: string;
  externalId?: string;
  durationSeconds?: number;
  /** Shown in CloudTrail and in the assumed-role ARN; see defaultSessionName(). */
  sessionName?: string;
};

export type MintOptions = {
  /** STS endpoint; unset on AWS (the SDK picks the regional one). */
  endpoint?: string;
  /** Region to sign for and whose STS endpoint to use. Default us-east-1. */
  region?: string;
  /** The console's own credentials; omit to use the SDK's default provider chain. */
  credentials?: STSClientConfig["credentials"];
  signal?: AbortSignal;
  /** Deadline of the whole call, retries included. Default 10 s. */
  timeoutMs?: number;
  /** Egress policy for STS_ENDPOINT (lib/net); default: this process's OUTBOUND_ALLOW. */
  outbound?: OutboundPolicy;
};

export type MintedCredentials = {
  ok: true;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** When STS says these credentials stop working. */
  expiration: Date;
  /** arn:aws:sts::<account>:assumed-role/<role>/<session>, when STS returned it. */
  assumedRoleArn?: string;
  /** STS's request id (x-amzn-RequestId), for the audit trail and CloudTrail. */
  requestId?: string;
};

export type MintResult = MintedCredentials | { ok: false; error: StsFailure };

/** Secret values of explicitly given credentials, so failure text can be scrubbed of them. */
function explicitSecrets(credentials: MintOptions["credentials"]): string[] {
  if (!credentials || typeof credentials === "function") return [];
  return [credentials.secretAccessKey, credentials.sessionToken ?? ""].filter((s) => s !== "");
}

/** Validates locally first: a typo should not cost a network round trip or a CloudTrail entry. */
function checkSource(source: MintSource): StsFailure | undefined {
  const parsed = rotationSourceSchema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  if (source.sessionName !== undefined && !isValidRoleSessionName(source.sessionName)) {
    problems.push("The session name must be 2–64 characters of letters, digits and + = , . @ _ -.");
  }
  if (problems.length === 0) return undefined;
  return {
    code: "ValidationError",
    message: `The rotation source is invalid: ${problems.join(" ")}`,
    fix: "Correct the rotation source of this connection and rotate again.",
  };
}

export async function mintSessionCredentials(source: MintSource, opts: MintOptions = {}): Promise<MintResult> {
  const invalid = checkSource(source);
  if (invalid) return { ok: false, error: invalid };

  const region = opts.region ?? "us-east-1";
  const timeoutMs = opts.timeoutMs ?? DEFAULT_STS_TIMEOUT_MS;
  const endpointLabel = opts.endpoint ?? `the AWS STS endpoint of ${region}`;
  const { signal, deadline: timeout, clear } = callDeadline(timeoutMs, opts.signal);

  const client = new STSClient({
    region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    // Leaving credentials out is what makes the SDK use its default chain.
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    // One retry absorbs a dropped connection; more would keep an operator waiting.
    maxAttempts: 2,
    // STS_ENDPOINT is typed by an administrator: its sockets go through the egress guard.
    requestHandler: { connectionTimeout: Math.min(timeoutMs, 3000), requestTimeout: timeoutMs, ...guardedAgents(opts.outbound ?? outboundPolicyFromEnv(process.env)) },
  });

  try {
    const out = await client.send(
      new AssumeRoleCommand({
        RoleArn: source.roleArn.trim(),
        RoleSessionName: source.sessionName ?? DEFAULT_SESSION_NAME,
        ...(source.externalId?.trim() ? { ExternalId: source.externalId.trim() } : {}),
        ...(source.durationSeconds !== undefined ? { DurationSeconds: source.durationSeconds } : {}),
      }),
      { abortSignal: signal },
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) {
      return {
        ok: false,
        error: {
          code: "InvalidResponse",
          message: `STS at ${endpointLabel} answered AssumeRole without complete credentials.`,
          fix: "Check that STS_ENDPOINT points at AWS STS (or the STS simulator), not at another service or a proxy page.",
        },
      };
    }
    return {
      ok: true,
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
      ...(out.AssumedRoleUser?.Arn ? { assumedRoleArn: out.AssumedRoleUser.Arn } : {}),
      ...(out.$metadata.requestId ? { requestId: out.$metadata.requestId } : {}),
    };
  } catch (error) {
    return {
      ok: false,
      error: describeStsError(error, {
        roleArn: source.roleArn.trim(),
        endpoint: endpointLabel,
        region,
        timeoutMs,
        externalIdGiven: Boolean(source.externalId?.trim()),
        timedOut: timeout.aborted,
        aborted: opts.signal?.aborted ?? false,
        secrets: explicitSecrets(opts.credentials),
        ...(process.env.AWS_PROFILE ? { profile: process.env.AWS_PROFILE } : {}),
      }),
    };
  } finally {
    clear();
    client.destroy();
  }
}
