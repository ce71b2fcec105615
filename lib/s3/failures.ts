/**
 * Plain-words failure messages for S3 calls (pure).
 *
 * Each message says which call failed on what, and each fix names the exact
 * permission, region or credential to change. Secrets never appear: the
 * messages are built only from the bucket, folder, endpoint and access key ID
 * (which AWS itself treats as non-secret), and `redact` scrubs the secret and
 * session token from every string anyway, in case a service echoes them.
 */
import { NETWORK_WORDS, redactSecrets as redact } from "@/lib/net/network-words";
import { awsRegionalEndpoint, parseAwsS3Host, partitionForRegion } from "./aws-hosts";
import type { S3ErrorInfo } from "./sdk-errors";
import type { S3Failure, S3OperationName } from "./types";

export type FailureContext = {
  operation: S3OperationName;
  bucket: string;
  /** Folder prefix with trailing slash, "" for the root. */
  prefix: string;
  /** Object key, for HeadObject. */
  key?: string;
  /** Endpoint as shown to the user, e.g. https://s3.us-east-1.amazonaws.com. */
  endpoint: string;
  /** Region the request was signed for. */
  region: string;
  /** True when talking to AWS itself, false for an S3-compatible endpoint. */
  aws: boolean;
  accessKeyId: string;
  hasSessionToken: boolean;
  timeoutMs: number;
  /** For a wrong region on a custom endpoint: the right endpoint, if the service named it. */
  redirectEndpoint?: string;
  /** The variable the endpoint came from when an administrator set it (e.g. S3_ENDPOINT). */
  endpointSetting?: string;
};


export function bucketArn(bucket: string, region?: string): string {
  return `arn:${partitionForRegion(region)}:s3:::${bucket}`;
}

/** Replaces every occurrence of the given secrets (4 characters or more) with "[redacted]". */
export { redact };

/** Turns a PermanentRedirect Endpoint element into a usable endpoint URL. */
export function endpointFromRedirect(endpoint: string | undefined, currentEndpoint: string): string | undefined {
  if (!endpoint) return undefined;
  if (/^https?:\/\//.test(endpoint)) return endpoint.replace(/\/+$/, "");
  const aws = parseAwsS3Host(endpoint.replace(/:\d+$/, ""));
  if (aws?.region) return awsRegionalEndpoint(aws.region);
  const scheme = currentEndpoint.startsWith("http://") ? "http" : "https";
  return `${scheme}://${endpoint}`;
}

function where(ctx: FailureContext): string {
  return ctx.prefix === "" ? "the bucket root" : `folder \`${ctx.prefix}\``;
}

function accessDenied(ctx: FailureContext): Pick<S3Failure, "message" | "fix"> {
  const arn = bucketArn(ctx.bucket, ctx.aws ? ctx.region : undefined);
  const policyHint =
    "Grant it in the IAM policy of this user or role, and check that no bucket policy, permissions boundary or SCP denies it.";
  if (ctx.operation === "HeadBucket") {
    return {
      message: `HeadBucket on \`${ctx.bucket}\` was denied: it needs \`s3:ListBucket\` on \`${arn}\` without a prefix condition.`,
      fix: policyHint,
    };
  }
  if (ctx.operation === "HeadObject") {
    const resource = `${arn}/${ctx.prefix}*`;
    return {
      message: `Reading \`${ctx.key ?? ctx.prefix}\` (GetObject) was denied: the policy needs \`s3:GetObject\` on \`${resource}\`.`,
      fix: `${policyHint} The resource must cover the objects (ending in /*), not just the folder. If the objects use SSE-KMS encryption, the KMS key must also allow kms:Decrypt.`,
    };
  }
  const condition = ctx.prefix === "" ? "" : ` (with an s3:prefix condition allowing \`${ctx.prefix}\`)`;
  return {
    message: `ListObjectsV2 on ${where(ctx)} was denied: the policy needs \`s3:ListBucket\` on \`${arn}\`${condition}.`,
    fix: policyHint,
  };
}

function wrongRegion(ctx: FailureContext, bucketRegion: string | undefined, serviceCode: string): S3Failure {
  // On an S3-compatible service, AuthorizationHeaderMalformed means the endpoint
  // is right and only the signing region is wrong.
  if (!ctx.aws && bucketRegion && serviceCode === "AuthorizationHeaderMalformed") {
    return {
      code: "WrongRegion",
      operation: ctx.operation,
      message: `The bucket \`${ctx.bucket}\` is in ${bucketRegion}, but the request was signed for ${ctx.region}; keep ${ctx.endpoint} and use region ${bucketRegion}.`,
      fix: `Set the region to ${bucketRegion}.`,
      bucketRegion,
      suggestedEndpoint: ctx.endpoint,
    };
  }
  const suggested = bucketRegion
    ? ctx.aws
      ? awsRegionalEndpoint(bucketRegion)
      : ctx.redirectEndpoint
    : undefined;
  const sentTo = `${ctx.endpoint} for region ${ctx.region}`;
  const message = bucketRegion
    ? `The bucket \`${ctx.bucket}\` is in ${bucketRegion}, but the request went to ${sentTo}` +
      (suggested ? `; use ${suggested}.` : `; use the ${bucketRegion} endpoint of this S3 service.`)
    : `The bucket \`${ctx.bucket}\` is in another region than ${sentTo}.`;
  const fix = suggested
    ? `Set the service URL to ${suggested}${ctx.aws ? "" : ` (the endpoint serving ${bucketRegion})`}.`
    : "Set the service URL to the endpoint of the bucket's region (shown in the bucket's Properties tab in the S3 console).";
  return {
    code: "WrongRegion",
    operation: ctx.operation,
    message,
    fix,
    ...(bucketRegion ? { bucketRegion } : {}),
    ...(suggested ? { suggestedEndpoint: suggested } : {}),
  };
}

/** Builds the user-facing failure for an S3 call that went wrong. */
export function describeFailure(info: S3ErrorInfo, ctx: FailureContext, secrets: (string | undefined)[]): S3Failure {
  const failure = describe(info, ctx);
  return {
    ...failure,
    message: redact(failure.message, secrets),
    fix: redact(failure.fix, secrets),
    ...(failure.serviceCode ? { serviceCode: redact(failure.serviceCode, secrets) } : {}),
  };
}

function describe(info: S3ErrorInfo, ctx: FailureContext): S3Failure {
  const op = ctx.operation;
  if (info.kind === "timeout") {
    return {
      code: "Timeout",
      operation: op,
      message: `${ctx.endpoint} did not answer ${op} within ${ctx.timeoutMs} ms.`,
      fix: "Check that the service URL is right and reachable from this server (firewall, proxy), then try again.",
    };
  }
  if (info.kind === "aborted") {
    return { code: "Aborted", operation: op, message: "The check was cancelled before S3 answered.", fix: "Run the check again." };
  }
  if (info.kind === "refused") {
    // Nothing was sent, so there is nothing from the target to report: only the refusal.
    return {
      code: "AddressNotAllowed",
      operation: op,
      message: info.message,
      fix: ctx.endpointSetting
        ? `${ctx.endpointSetting} names an address the console may not call: an administrator must change ${ctx.endpointSetting} or add its origin to OUTBOUND_ALLOW.`
        : "Use your bucket's S3 endpoint, such as https://s3.eu-west-1.amazonaws.com, or leave the service URL empty. An administrator can let the console reach an internal S3-compatible endpoint by adding its origin to OUTBOUND_ALLOW.",
    };
  }
  if (info.kind === "network") {
    const words = NETWORK_WORDS[info.errno] ?? (info.errno.includes("CERT") ? "its TLS certificate is not trusted" : `network error ${info.errno}`);
    return {
      code: "EndpointUnreachable",
      operation: op,
      message: `Could not reach the S3 endpoint ${ctx.endpoint}: ${words} (${info.errno}).`,
      fix: ctx.aws
        ? "Check the region in the service URL and that this server can reach AWS (proxy, firewall, DNS)."
        : "Check the service URL for typos, that the service is running, and that this server can reach it (proxy, firewall, DNS).",
    };
  }

  const base = { operation: op, ...(info.status !== undefined ? { httpStatus: info.status } : {}) };
  const key = `\`${ctx.accessKeyId}\``;
  switch (info.code) {
    case "InvalidAccessKeyId": {
      const temporary = ctx.accessKeyId.startsWith("ASIA") && !ctx.hasSessionToken;
      return {
        ...base,
        code: "InvalidAccessKeyId",
        message: temporary
          ? `The access key ID ${key} is a temporary key, but no session token was given, so S3 does not recognize it.`
          : `The access key ID ${key} is not recognized by ${ctx.endpoint}.`,
        fix: temporary
          ? "Enter the session token issued with this key (temporary keys start with ASIA and only work with their token)."
          : "Check that you copied the whole access key ID, that the key is still active in IAM, and that it belongs to this AWS account's partition.",
      };
    }
    case "SignatureDoesNotMatch":
      return {
        ...base,
        code: "SignatureDoesNotMatch",
        message: `S3 rejected the request signature: the secret access key does not belong to access key ID ${key}.`,
        fix: "Re-copy the secret access key (no spaces before or after). If the key was rotated, use the secret of the new key.",
      };
    case "ExpiredToken":
    case "TokenRefreshRequired":
      return {
        ...base,
        code: "ExpiredToken",
        serviceCode: info.code,
        message: `The session token for access key ID ${key} has expired.`,
        fix: "Request new temporary credentials (for example with `aws sts assume-role`) and update the access key, secret and session token together.",
      };
    case "InvalidToken":
      return {
        ...base,
        code: "InvalidToken",
        message: ctx.hasSessionToken
          ? `The session token is malformed or was not issued with access key ID ${key}.`
          : `S3 expected no session token or a different one for access key ID ${key}.`,
        fix: "Use the access key ID, secret and session token from the same set of temporary credentials; long-term keys (AKIA…) take no session token.",
      };
    case "AccessDenied":
    case "Forbidden":
      return { ...base, code: "AccessDenied", ...(info.code !== "AccessDenied" ? { serviceCode: info.code } : {}), ...accessDenied(ctx) };
    case "NoSuchBucket":
    case "NotFound":
      return {
        ...base,
        code: "NoSuchBucket",
        message: `There is no bucket named \`${ctx.bucket}\` ${ctx.aws ? "in this AWS partition" : `on ${ctx.endpoint}`}.`,
        fix: "Check the bucket name (it is exact and lowercase). If it was created moments ago, wait a minute and retry.",
      };
    case "AuthorizationHeaderMalformed":
      if (!info.region) {
        // Not a region problem: S3 could not parse the credential itself.
        return {
          ...base,
          code: "Unknown",
          serviceCode: info.code,
          message: `S3 could not read the request's credentials for access key ID ${key}${info.message ? `: ${info.message}` : "."}`,
          fix: "Check that the access key ID was copied alone, without spaces, slashes or other text.",
        };
      }
      return { ...base, serviceCode: info.code, ...wrongRegion(ctx, info.region, info.code) };
    case "PermanentRedirect":
    case "IllegalLocationConstraintException":
      return { ...base, serviceCode: info.code, ...wrongRegion(ctx, info.region, info.code) };
    case "RequestTimeTooSkewed":
      return {
        ...base,
        code: "RequestTimeTooSkewed",
        message: "S3 refused the request because this server's clock is more than 15 minutes off.",
        fix: "Synchronize the server clock (NTP) and try again.",
      };
    default:
      return {
        ...base,
        code: "Unknown",
        serviceCode: info.code,
        message: `${op} on \`${ctx.bucket}\` failed: S3 answered ${info.code}${info.status ? ` (HTTP ${info.status})` : ""}${info.message && !info.bodiless ? `: ${info.message}` : ""}.`,
        fix: "Look the error code up in the Amazon S3 error reference, or retry if it was a temporary problem.",
      };
  }
}
