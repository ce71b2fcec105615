/**
 * Test and explore, backed by a real S3 endpoint (the local S3 test server in development)
 * with the connection's own credentials.
 *
 * IAM-role connections carry no credentials. AEP would assume its own role; the simulator
 * stands that role in with `aepRoleCredentials` when configured. Without them such a
 * connection tests false and explore answers 400: nothing could have granted access.
 * lib/s3 lists folders of a known bucket only, so a connection without bucketName tests false.
 */
import { parseOutboundAllow, withAllowedOrigins } from "@/lib/net/allowlist";
import { credentialsRefused, isCredentialFailure, type TenantInfo } from "./aep-errors";
import { problem } from "./responses";
import type { S3Adapter, S3Credentials, S3ListTarget, SimResponse, StoredConnection } from "./types";

export interface S3AccessConfig {
  s3: S3Adapter;
  s3Endpoint?: string;
  aepRoleCredentials?: S3Credentials;
  timeoutMs?: number;
}

/**
 * lib/s3 is loaded on first use, so the simulator starts even where it is not needed. Its calls
 * go through the same egress guard as the console's, allowing the S3 endpoint the simulator was
 * configured with (its own setting, independent of the console's OUTBOUND_ALLOW).
 */
export function lazyLibS3Adapter(s3Endpoint?: string): S3Adapter {
  const allowed = parseOutboundAllow(withAllowedOrigins(undefined, [s3Endpoint && URL.canParse(s3Endpoint) ? s3Endpoint : undefined]));
  const outbound = { allow: allowed.ok ? allowed.allow : [] };
  let loaded: Promise<S3Adapter> | undefined;
  return {
    async listFolder(target, opts) {
      loaded ??= import("@/lib/s3").then((mod) => ({ listFolder: (t, o) => mod.listFolder(t, { ...o, outbound }) }));
      return (await loaded).listFolder(target, opts);
    },
  };
}

function credentialsFor(connection: StoredConnection, config: S3AccessConfig): S3Credentials | undefined {
  if (connection.auth.specName === "IAMRole Based") return config.aepRoleCredentials;
  const { s3AccessKey, s3SecretKey, s3SessionToken } = connection.auth.params;
  if (!s3AccessKey || !s3SecretKey) return undefined;
  return { accessKeyId: s3AccessKey, secretAccessKey: s3SecretKey, ...(s3SessionToken ? { sessionToken: s3SessionToken } : {}) };
}

/** "https://s3.eu-west-3.amazonaws.com" → "eu-west-3"; default us-east-1. */
export function regionOf(serviceUrl: string | undefined): string {
  const match = serviceUrl ? /s3[.-]([a-z0-9-]+)\.amazonaws\.com/.exec(serviceUrl) : null;
  return match?.[1] && match[1] !== "external-1" ? match[1] : "us-east-1";
}

/** Folder prefix in S3 form: no leading slash, trailing slash unless empty. */
export function toPrefix(folder: string | undefined): string {
  const trimmed = (folder ?? "").replace(/^\/+/, "").replace(/\/+$/, "");
  return trimmed === "" ? "" : `${trimmed}/`;
}

function target(connection: StoredConnection, config: S3AccessConfig, credentials: S3Credentials, bucket: string, prefix: string): S3ListTarget {
  const serviceUrl = connection.auth.params.serviceUrl;
  const endpoint = config.s3Endpoint ?? serviceUrl;
  return {
    bucket,
    prefix,
    region: regionOf(serviceUrl),
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: config.s3Endpoint !== undefined,
    credentials,
  };
}

export async function testConnection(connection: StoredConnection, config: S3AccessConfig): Promise<boolean> {
  const credentials = credentialsFor(connection, config);
  const bucket = connection.auth.params.bucketName;
  if (!credentials || !bucket) return false;
  try {
    const result = await config.s3.listFolder(target(connection, config, credentials, bucket, toPrefix(connection.auth.params.folderPath)), {
      maxKeys: 1,
      signal: AbortSignal.timeout(config.timeoutMs ?? 5_000),
    });
    return result.ok;
  } catch {
    return false;
  }
}

const PREVIEWABLE = /\.(csv|tsv|psv|txt|json|parquet)$/i;

function lastSegment(value: string): string {
  const parts = value.split("/").filter((p) => p !== "");
  return parts[parts.length - 1] ?? value;
}

function exploreError(code: string, tenant: TenantInfo, accessKeyId: string): SimResponse {
  // Stored credentials that no longer work (expired token, revoked key, denied): AEP's error.
  if (isCredentialFailure(code)) return credentialsRefused(code, tenant, accessKeyId);
  if (code === "NoSuchBucket") return problem(404, "NotFoundError", "The bucket does not exist.");
  if (/timeout|network|unknown|unavailable|unreachable|aborted|internal/i.test(code)) return problem(502, "BadGatewayError", "Amazon S3 could not be reached.");
  return problem(400, "ExploreError", `Amazon S3 refused the request (${code.replace(/[^\w.-]/g, "").slice(0, 64)}).`);
}

export async function explore(connection: StoredConnection, config: S3AccessConfig, objectType: string, object: string | null, tenant: TenantInfo): Promise<SimResponse> {
  const kind = objectType.toLowerCase();
  if (kind !== "root" && kind !== "folder") return problem(400, "BadRequestError", "objectType must be root or folder for Amazon S3.");
  const credentials = credentialsFor(connection, config);
  if (!credentials) return credentialsRefused("AccessDenied", tenant);

  const ownBucket = connection.auth.params.bucketName;
  const ownPrefix = toPrefix(connection.auth.params.folderPath);
  let bucket: string;
  let prefix: string;
  if (kind === "root") {
    if (!ownBucket) return problem(400, "ExploreError", "This simulator explores connections that name a bucket.");
    bucket = ownBucket;
    prefix = ownPrefix;
  } else {
    if (!object) return problem(400, "BadRequestError", "object is required when objectType is folder.");
    const [first = "", ...rest] = object.replace(/^\/+/, "").split("/");
    bucket = first;
    prefix = toPrefix(rest.join("/"));
    if (ownBucket && bucket !== ownBucket) return problem(400, "ExploreError", "The folder is outside the connection's bucket.");
    if (!prefix.startsWith(ownPrefix)) return problem(400, "ExploreError", "The folder is outside the connection's folder path.");
  }

  let result;
  try {
    result = await config.s3.listFolder(target(connection, config, credentials, bucket, prefix), { maxKeys: 1000, signal: AbortSignal.timeout(config.timeoutMs ?? 5_000) });
  } catch {
    return exploreError("NetworkError", tenant, credentials.accessKeyId);
  }
  if (!result.ok) return exploreError(result.error.code, tenant, credentials.accessKeyId);

  const folders = result.folders.map((folder) => {
    const name = lastSegment(folder);
    return { type: "folder", name, path: `/${bucket}/${prefix}${name}/`, canPreview: false, canFetchSchema: false };
  });
  const files = result.files
    .filter((file) => !file.key.endsWith("/"))
    .map((file) => {
      const name = lastSegment(file.key);
      const previewable = PREVIEWABLE.test(name);
      return { type: "file", name, path: `/${bucket}/${prefix}${name}`, canPreview: previewable, canFetchSchema: previewable };
    });
  return { status: 200, body: [...folders, ...files] };
}

export type SourceProbe = { ok: true; files: number; bytes: number } | { ok: false; code: string; accessKeyId?: string };

/**
 * What a dataflow run's copy step would meet: list the source folder with the connection's
 * current credentials (a few keys are enough to know whether they still work).
 */
export async function probeSource(connection: StoredConnection, config: S3AccessConfig, folder?: string): Promise<SourceProbe> {
  const credentials = credentialsFor(connection, config);
  const bucket = connection.auth.params.bucketName;
  if (!credentials) return { ok: false, code: "AccessDenied" };
  if (!bucket) return { ok: false, code: "NoSuchBucket", accessKeyId: credentials.accessKeyId };
  try {
    const result = await config.s3.listFolder(target(connection, config, credentials, bucket, toPrefix(folder ?? connection.auth.params.folderPath)), {
      maxKeys: 50,
      signal: AbortSignal.timeout(config.timeoutMs ?? 5_000),
    });
    if (!result.ok) return { ok: false, code: result.error.code, accessKeyId: credentials.accessKeyId };
    return { ok: true, files: result.files.length, bytes: result.files.reduce((sum, file) => sum + file.size, 0) };
  } catch {
    return { ok: false, code: "NetworkError", accessKeyId: credentials.accessKeyId };
  }
}
