/** Types shared by the server-side S3 access checks (no runtime code). */
import type { OutboundPolicy } from "@/lib/net/allowlist";

export type S3Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
};

/** The S3 calls the app makes, named as in the S3 API reference. */
export type S3OperationName = "Validate" | "HeadBucket" | "ListObjectsV2" | "HeadObject";

export type S3FailureCode =
  | "InvalidInput"
  | "InvalidAccessKeyId"
  | "SignatureDoesNotMatch"
  | "ExpiredToken"
  | "InvalidToken"
  | "AccessDenied"
  | "NoSuchBucket"
  | "WrongRegion"
  | "RequestTimeTooSkewed"
  | "EndpointUnreachable"
  /** The egress guard refused the endpoint (lib/net): nothing was sent. */
  | "AddressNotAllowed"
  | "Timeout"
  | "Aborted"
  | "Unknown";

export type S3Failure = {
  code: S3FailureCode;
  operation: S3OperationName;
  /** What happened, in plain words. Never contains the secret or the session token. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** HTTP status S3 answered with, when it answered. */
  httpStatus?: number;
  /** The service's own error code (e.g. "PermanentRedirect"), when it differs from `code`. */
  serviceCode?: string;
  /** For WrongRegion: where the bucket really is and the endpoint to use. */
  bucketRegion?: string;
  suggestedEndpoint?: string;
};

export type CheckBucketInput = {
  bucket: string;
  /** Folder inside the bucket; "" or undefined for the bucket root. */
  folderPath?: string;
  credentials: S3Credentials;
  /** Flow Service's serviceUrl: an AWS regional endpoint or an S3-compatible one. */
  endpoint?: string;
  /** Region to sign for. When neither this nor a regional endpoint is given, it is discovered. */
  region?: string;
  /** Defaults to true for custom endpoints, false for AWS. */
  forcePathStyle?: boolean;
};

export type CheckBucketOptions = {
  /** Deadline for each S3 call, in ms (default 8000). */
  timeoutMs?: number;
  /** TCP connect timeout, in ms (default 3000). */
  connectTimeoutMs?: number;
  /** SDK attempts per call, 1 or 2 (default 1: the UI would rather report than wait). */
  maxAttempts?: number;
  /** How many folder entries to return as a sample (default 10, at most 100). */
  sampleSize?: number;
  /** Also check that one listed file can be read (s3:GetObject). Default true. */
  verifyRead?: boolean;
  signal?: AbortSignal;
  /** Egress policy (lib/net); default: this process's OUTBOUND_ALLOW. */
  outbound?: OutboundPolicy;
  /** The variable the endpoint came from when an administrator set it (e.g. S3_ENDPOINT), for the fix of a refusal. */
  endpointSetting?: string;
};

export type CheckBucketResult =
  | {
      ok: true;
      region: string;
      /** The endpoint that answered, e.g. https://s3.eu-west-1.amazonaws.com. */
      endpoint: string;
      /** A few keys and sub-folder prefixes found in the folder. */
      sample: string[];
      /** Things worth telling the user that are not failures. */
      notes: string[];
    }
  | { ok: false; failure: S3Failure };
