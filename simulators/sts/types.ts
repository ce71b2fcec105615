/** Shared types of the local STS simulator. */

/** An identity allowed to call the simulator (the console's own AWS credentials). */
export type StsCaller = {
  secretAccessKey: string;
  /** When set, requests must carry exactly this x-amz-security-token (temporary credentials). */
  sessionToken?: string;
  /** After this instant requests fail with ExpiredToken, as with expired STS credentials. */
  expiresAt?: Date | string | number;
  /** e.g. arn:aws:iam::000000000000:user/s3-source-console */
  arn: string;
};

/** What a role's trust policy allows, reduced to what AssumeRole checks. */
export type StsRole = {
  /**
   * Caller ARNs allowed to assume the role. "*" trusts everyone, and
   * arn:<partition>:iam::<account>:root trusts every caller of that account
   * (on AWS the account then delegates to IAM policies, which we do not model).
   */
  trustedCallers: string[];
  /** When set, AssumeRole must pass exactly this ExternalId (the sts:ExternalId condition). */
  externalId?: string;
  /** The role's MaxSessionDuration in seconds (3600–43200). Default 3600, as on AWS. */
  maxSessionDuration?: number;
};

export type IssuedCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  /** arn:aws:sts::<account>:assumed-role/<role name>/<session name> */
  assumedRoleArn: string;
  sessionName: string;
  callerArn: string;
  issuedAt: Date;
};

export type StsSimulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the simulator hands out credentials, keep it on loopback. */
  host?: string;
  callers: Record<string, StsCaller>;
  roles: Record<string, StsRole>;
  /** Called before the response is sent, so issued keys can be registered elsewhere (e.g. the S3 test server) first. */
  onIssue?: (credentials: IssuedCredentials) => void | Promise<void>;
  /** Clock used for the signature date check (and expirations unless `clock` is set). Default: the real clock. */
  now?: () => Date;
  /**
   * Credential clock (simulators/clock.ts, shared with the S3 test server): minted credentials
   * expire on it, and callers' own expiry is judged by it. Signature dates keep the real clock.
   */
  clock?: { now(): number };
  /**
   * Tests only: minted credentials expire after this many seconds instead of DurationSeconds
   * (which is still validated as STS does, 900 to the role's maximum). The Expiration returned
   * says so honestly.
   */
  credentialLifetimeSeconds?: number;
  /** Allowed difference between the signature date and `now`. Default 5 minutes; Infinity disables. */
  maxClockSkewMs?: number;
};

export type StsSimulator = {
  /** e.g. http://127.0.0.1:41237, ready to pass as the SDK's endpoint. */
  endpoint: string;
  close(): Promise<void>;
  /** Every credential set minted so far, oldest first. */
  issued(): IssuedCredentials[];
};
