/** Shared types of the local S3 test server. */

export type S3Action = "s3:ListBucket" | "s3:GetObject" | "s3:PutObject" | "s3:*";

/**
 * One permission. `bucket` may be "*" for every bucket. With `prefix`, the
 * grant behaves like an IAM statement with a `s3:prefix` StringLike condition
 * ["prefix", "prefix*"] for ListBucket and a `bucket/prefix*` resource for
 * object actions, so a prefix-scoped ListBucket does NOT allow HeadBucket or
 * a root listing, exactly as on AWS.
 */
export type AllowRule = { action: S3Action; bucket: string; prefix?: string };

export type S3Account = {
  secretAccessKey: string;
  /** When set, requests must carry exactly this x-amz-security-token. */
  sessionToken?: string;
  /** After this instant requests fail with ExpiredToken. */
  expiresAt?: Date | string | number;
  allow: AllowRule[];
  /** Shown in ListBuckets' Owner element. */
  displayName?: string;
};

export type S3ObjectInput = {
  key: string;
  body: string | Uint8Array;
  contentType?: string;
  lastModified?: Date;
};

export type S3BucketInput = {
  name: string;
  /** Region the bucket lives in; defaults to the server's region. */
  region?: string;
  objects?: S3ObjectInput[];
  createdAt?: Date;
};

export type StoredObject = {
  key: string;
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
};

export type StoredBucket = {
  name: string;
  region: string;
  createdAt: Date;
  objects: Map<string, StoredObject>;
};

export type S3ServerOptions = {
  /** Port of the home-region endpoint; 0 picks a free one. Default 0. */
  port?: number;
  host?: string;
  /** Region of the main endpoint. Default "us-east-1". */
  region?: string;
  accounts: Record<string, S3Account>;
  buckets?: S3BucketInput[];
  /**
   * Ports for the endpoints of the other regions (one listener per region, so
   * a request sent to the wrong region's endpoint gets a real PermanentRedirect).
   * Regions not listed get a free port.
   */
  regionPorts?: Record<string, number>;
  /**
   * Whether the home endpoint answers for every region, as the regional
   * endpoint of the region each request is signed for (default true). With
   * false it is a strict endpoint of `region` only.
   */
  homeServesAllRegions?: boolean;
  /** When set, buckets and objects are saved to and loaded from this folder. */
  dataDir?: string;
  /** Largest request body accepted, in bytes. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Allowed clock difference for signed requests. Default 15 minutes, like S3. */
  maxClockSkewMs?: number;
  /**
   * Clock for session-token expiry (simulators/clock.ts, shared with STS and Flow Service so a
   * test can move time forward). Signature dates are always checked against the real clock.
   */
  clock?: { now(): number };
  /** Called once per request, for debugging. */
  onRequest?: (info: { method: string; url: string; status: number; code?: string }) => void;
};

export type S3TestServer = {
  /** Endpoint of the home region, e.g. http://127.0.0.1:4569. */
  endpoint: string;
  region: string;
  /** Endpoint serving a given region (started on demand). */
  endpointFor(region: string): Promise<string>;
  /** Every listening endpoint, by region. */
  endpoints(): Record<string, string>;
  addBucket(bucket: S3BucketInput): Promise<void>;
  putObject(bucket: string, object: S3ObjectInput): void;
  getObject(bucket: string, key: string): StoredObject | undefined;
  deleteObject(bucket: string, key: string): boolean;
  setAccount(accessKeyId: string, account: S3Account): void;
  removeAccount(accessKeyId: string): void;
  close(): Promise<void>;
};
