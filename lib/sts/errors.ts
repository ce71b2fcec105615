/**
 * Plain-words failures for AssumeRole (pure).
 *
 * Messages are built from what is safe to show: the role ARN, the endpoint,
 * the region, the caller's ARN as STS reports it, and env var names. The only
 * service text passed through is a ValidationError's detail, and it goes
 * through `redact` first, so a secret never reaches the UI or the audit log.
 */

import { findOutboundRefusal } from "@/lib/net/guard";
import { NETWORK_WORDS, redactSecrets as redact } from "@/lib/net/network-words";

export type StsFailure = { code: string; message: string; fix: string };

const TRANSIENT_CODES = new Set(["Timeout", "EndpointUnreachable", "Throttling", "ThrottlingException", "RequestLimitExceeded", "ServiceUnavailable", "InternalFailure", "InternalError"]);

/** Failures that say nothing about the role or the identity: trying again later may succeed. */
export function isTransientStsFailure(code: string): boolean {
  return TRANSIENT_CODES.has(code);
}

export type FailureContext = {
  roleArn: string;
  /** Endpoint as shown to the operator (STS_ENDPOINT or a description of AWS's). */
  endpoint: string;
  region: string;
  timeoutMs: number;
  externalIdGiven: boolean;
  /** Set when the deadline fired (as opposed to the caller cancelling). */
  timedOut: boolean;
  aborted: boolean;
  /** Secret values that must never be echoed (explicit credentials, if any). */
  secrets: string[];
  /** AWS_PROFILE, when set: named in the "no credentials" fix. */
  profile?: string;
};

type Loose = Record<string, unknown>;

export { redact };

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function findErrno(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  const e = error as Loose;
  const code = str(e.code) ?? str(e.errno);
  if (code && /^E[A-Z]+$/.test(code)) return code;
  if (Array.isArray(e.errors)) for (const inner of e.errors) {
    const found = findErrno(inner, depth + 1);
    if (found) return found;
  }
  return findErrno(e.cause, depth + 1);
}

/** STS names the caller in AccessDenied: "User: arn:... is not authorized to perform: sts:AssumeRole...". */
export function callerFromAccessDenied(message: string): string | undefined {
  return /User: (arn:[^\s]+) is not authorized/.exec(message)?.[1];
}

function roleName(roleArn: string): string {
  return roleArn.split("/").pop() || roleArn;
}

const CREDENTIAL_SOURCES =
  "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary keys) in the console server's environment, " +
  "or AWS_PROFILE naming a profile in ~/.aws/credentials or ~/.aws/config (run `aws sso login` for SSO profiles), " +
  "or run the console on AWS with an attached role (EC2 instance profile, ECS task role, EKS IRSA via AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE)";

function serviceFailure(code: string, serviceMessage: string, ctx: FailureContext): StsFailure {
  const role = ctx.roleArn;
  switch (code) {
    case "AccessDenied": {
      const caller = callerFromAccessDenied(serviceMessage);
      const who = caller ? `The console's AWS identity ${caller}` : "The console's AWS identity";
      const externalId = ctx.externalIdGiven ? ", or the external ID does not match the sts:ExternalId its trust policy requires" : "";
      return {
        code,
        message: `${who} is not allowed to assume ${role}: either the role does not exist, or its trust policy does not allow this caller${externalId}.`,
        fix:
          `In IAM, open role ${roleName(role)} > Trust relationships and allow sts:AssumeRole for ${caller ?? "the console's identity"}` +
          `${ctx.externalIdGiven ? " with the same external ID as configured here" : ""}; ` +
          "also make sure the console's own IAM policy allows sts:AssumeRole on this role ARN.",
      };
    }
    case "MalformedPolicyDocument":
    case "PackedPolicyTooLarge":
      return {
        code,
        message: `STS rejected the policy attached to the AssumeRole request for ${role} (${code}).`,
        fix: "The console sends no session policy or tags of its own; check for a proxy or SDK middleware adding one, and that the role's policies are valid JSON within IAM's size limits.",
      };
    case "RegionDisabledException":
      return {
        code,
        message: `STS is not activated in region ${ctx.region} for the account that owns ${role}.`,
        fix: "Activate the region under IAM > Account settings > Security Token Service (STS) endpoints, or set STS_REGION to an active region such as us-east-1.",
      };
    case "ExpiredToken":
    case "ExpiredTokenException":
    case "RequestExpired":
      return {
        code,
        message: "The console's own AWS credentials have expired, so STS refused the request before looking at the role.",
        fix: "Refresh the credentials the console server runs with (a new AWS_SESSION_TOKEN, `aws sso login` for the profile, or a restart to pick up a renewed instance/task role), then rotate again.",
      };
    case "InvalidClientTokenId":
    case "UnrecognizedClientException":
      return {
        code,
        message: "STS does not recognise the console's own AWS access key (deleted, deactivated, mistyped, or paired with a session token of another key).",
        fix: "Check AWS_ACCESS_KEY_ID and AWS_SESSION_TOKEN (or the profile the console server uses); if the key was deleted or deactivated, create a new one for the console.",
      };
    case "SignatureDoesNotMatch":
    case "IncompleteSignature":
      if (/signature (expired|not yet current)/i.test(serviceMessage)) {
        return {
          code,
          message: "STS rejected the request's signature because the console server's clock is off by more than a few minutes.",
          fix: "Synchronise the console server's clock (NTP) and rotate again.",
        };
      }
      return {
        code,
        message: "STS says the console's own AWS secret access key does not match its access key ID.",
        fix: "Set AWS_SECRET_ACCESS_KEY (or the profile's aws_secret_access_key) to the secret that belongs to the access key, without extra spaces or quotes.",
      };
    case "MissingAuthenticationToken":
      return {
        code,
        message: "The request reached STS unsigned: the console's AWS credentials were not applied.",
        fix: `Give the console server AWS credentials: ${CREDENTIAL_SOURCES}.`,
      };
    case "ValidationError": {
      const detail = redact(serviceMessage, ctx.secrets).slice(0, 300);
      const duration = /duration/i.test(detail);
      return {
        code,
        message: `STS rejected the AssumeRole parameters for ${role}${detail ? `: ${detail}` : "."}`,
        fix: duration
          ? "Choose a session duration between 900 seconds and the role's maximum session duration (1 hour unless raised on the role, up to 12 hours; 1 hour at most when the console itself runs on an assumed role)."
          : "Check the external ID (2–1224 characters of letters, digits and + = , . @ : / _ -) and the session name (2–64 characters of letters, digits and + = , . @ _ -).",
      };
    }
    case "Throttling":
    case "ThrottlingException":
    case "ServiceUnavailable":
    case "InternalFailure":
    case "InternalError":
      return {
        code,
        message: `STS at ${ctx.endpoint} is temporarily unable to answer (${code}).`,
        fix: "Wait a minute and rotate again; the connection keeps its current credentials until then.",
      };
    default:
      return {
        code,
        message: `STS refused to let the console assume ${role} (${code}).`,
        fix: "Check the role ARN, its trust policy and the console's own AWS credentials, then rotate again.",
      };
  }
}

/** Describes whatever the SDK threw (or a deadline) as one StsFailure. */
export function describeStsError(error: unknown, ctx: FailureContext): StsFailure {
  const e = (error && typeof error === "object" ? error : {}) as Loose;
  const name = str(e.name) ?? "";
  if (ctx.timedOut) {
    return {
      code: "Timeout",
      message: `STS at ${ctx.endpoint} did not answer within ${Math.round(ctx.timeoutMs / 100) / 10} s.`,
      fix: "Check that the console server can reach STS (firewall, proxy, STS_ENDPOINT), then rotate again.",
    };
  }
  if (ctx.aborted) return { code: "Aborted", message: "The rotation was cancelled before STS answered.", fix: "Start the rotation again." };
  const refusal = findOutboundRefusal(error);
  if (refusal) {
    // Refused before connecting: nothing was sent to STS, and nothing came back to report.
    return {
      code: "AddressNotAllowed",
      message: refusal.message,
      fix: "An administrator must point STS_ENDPOINT at AWS STS (or leave it unset), or add its origin to OUTBOUND_ALLOW.",
    };
  }
  if (name === "CredentialsProviderError" || name === "ProviderError" || name === "TokenProviderError") {
    const profile = ctx.profile ? ` AWS_PROFILE is "${ctx.profile}", but that profile gave no usable credentials.` : "";
    return {
      code: "NoConsoleCredentials",
      message: `The console server has no AWS credentials of its own: the AWS SDK's default credential chain found none.${profile}`,
      fix: `To call STS the console needs its own AWS identity: ${CREDENTIAL_SOURCES}.`,
    };
  }
  const meta = e.$metadata as { httpStatusCode?: number } | undefined;
  const serviceCode = str(e.Code) ?? (meta?.httpStatusCode ? name : undefined);
  if (serviceCode) return serviceFailure(serviceCode, str(e.message) ?? "", ctx);
  const errno = findErrno(error);
  if (errno) {
    return {
      code: "EndpointUnreachable",
      message: `Could not reach STS at ${ctx.endpoint}: ${NETWORK_WORDS[errno] ?? `network error ${errno}`}.`,
      fix: "Check STS_ENDPOINT and STS_REGION, and that the console server can open HTTPS connections to it (proxy, firewall, VPC endpoint). Locally, start the STS simulator.",
    };
  }
  return {
    code: "UnexpectedError",
    message: `The call to STS at ${ctx.endpoint} failed unexpectedly (${name || "unknown error"}).`,
    fix: "Check the console server's logs and its network access to STS, then rotate again.",
  };
}
