/**
 * Makes credentials minted by the STS simulator work against the S3 test
 * server: each issued key becomes an S3 account (with its session token and
 * expiry) whose permissions are those of the role that was assumed.
 * The S3 handle's setAccount() adds accounts at runtime, so no S3 change is needed.
 */
import type { AllowRule, S3TestServer } from "../s3";
import { DEMO_BUCKET } from "../s3/demo";
import type { IssuedCredentials } from "./types";

/** What a rotation role may do by default: read the demo bucket, as an AEP S3 source needs. */
export const DEMO_ROLE_ALLOW: AllowRule[] = [
  { action: "s3:ListBucket", bucket: DEMO_BUCKET },
  { action: "s3:GetObject", bucket: DEMO_BUCKET },
];

export type S3BridgeOptions = {
  /** Permissions per role ARN; roles not listed get `defaultAllow`. */
  rulesByRole?: Record<string, AllowRule[]>;
  /** Default DEMO_ROLE_ALLOW. */
  defaultAllow?: AllowRule[];
};

/** Returns an onIssue hook for startStsSimulator that registers each issued key with `s3`. */
export function registerWithS3(
  s3: Pick<S3TestServer, "setAccount">,
  options: S3BridgeOptions = {},
): (credentials: IssuedCredentials) => void {
  return (credentials) => {
    const allow = options.rulesByRole?.[credentials.roleArn] ?? options.defaultAllow ?? DEMO_ROLE_ALLOW;
    s3.setAccount(credentials.accessKeyId, {
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      // S3 then answers ExpiredToken after the real expiry, like AWS.
      expiresAt: credentials.expiration,
      allow: allow.map((rule) => ({ ...rule })),
      displayName: credentials.assumedRoleArn.split(":").pop() ?? credentials.sessionName,
    });
  };
}
