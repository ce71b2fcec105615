/**
 * HTTP request handling of the S3 test server: addressing, authentication,
 * region checks, authorization, then the operation. The order mirrors S3's
 * observable behaviour: bad credentials fail first, then a missing bucket,
 * then a wrong region, then missing permissions.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isAllowed, visibleBuckets, type S3Operation } from "./authorize";
import { readBody, verifyContentMd5, verifyPayload } from "./body";
import * as ops from "./operations";
import { authenticate, type IncomingRequest } from "./sigv4";
import type { ObjectStore } from "./store";
import type { S3Account, S3ServerOptions } from "./types";
import { S3Error, errors } from "./xml";

export type HandlerContext = {
  store: ObjectStore;
  accounts: ReadonlyMap<string, S3Account>;
  /** Region served by the listener this handler is attached to. */
  region: string;
  /**
   * True for the home listener: it stands in for AWS as a whole, acting as
   * the regional endpoint of whatever region a request is signed for (the
   * SDK always signs for the region whose endpoint it calls). Redirects then
   * name the AWS-style endpoint, like S3's.
   */
  servesAllRegions: boolean;
  /** host:port of the listener serving a region, for PermanentRedirect. */
  endpointHost: (region: string) => string | undefined;
  maxBodyBytes: number;
  maxSkewMs: number;
  /** The credential clock (session-token expiry); signature dates use the real clock. */
  credentialsNow: () => number;
  onRequest?: S3ServerOptions["onRequest"];
};

/** Query keys that never change which operation is meant. */
const NEUTRAL_QUERY = /^(x-id|X-Amz-.*|response-.*)$/;
const LIST_QUERY = new Set(["list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner"]);

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw errors.invalidArgument("The request contains invalid URL encoding.");
  }
}

/** Decodes a query string without treating "+" as a space (S3 clients encode spaces as %20). */
function parseQuery(raw: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? "" : decode(part.slice(eq + 1));
    const existing = query[key];
    query[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function collectHeaders(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return headers;
}

type Addressed = { bucket: string; key: string };

/** Path-style (/bucket/key) or virtual-hosted (bucket.localhost) addressing. */
function address(rawPath: string, host: string): Addressed {
  const hostname = host.replace(/:\d+$/, "").toLowerCase();
  const vhost = /^(.+)\.localhost$/.exec(hostname);
  if (vhost?.[1] && vhost[1] !== "s3") return { bucket: vhost[1], key: decode(rawPath.replace(/^\//, "")) };
  const path = rawPath.replace(/^\//, "");
  const slash = path.indexOf("/");
  if (slash === -1) return { bucket: decode(path), key: "" };
  return { bucket: decode(path.slice(0, slash)), key: decode(path.slice(slash + 1)) };
}

function resolveOperation(method: string, target: Addressed, query: Record<string, string | string[]>): S3Operation {
  const keys = Object.keys(query).filter((k) => !NEUTRAL_QUERY.test(k));
  if (target.bucket === "") {
    if (method !== "GET") throw errors.methodNotAllowed(method);
    return "ListBuckets";
  }
  if (target.key === "") {
    if (method === "HEAD" && keys.length === 0) return "HeadBucket";
    if (method !== "GET") throw method === "PUT" ? errors.notImplemented("CreateBucket and bucket configuration") : errors.methodNotAllowed(method);
    if (keys.includes("location")) return "GetBucketLocation";
    if (query["list-type"] === "2" && keys.every((k) => LIST_QUERY.has(k))) return "ListObjectsV2";
    throw errors.notImplemented(keys.length === 0 ? "ListObjects (V1); use ListObjectsV2" : `bucket subresource ${keys.join(", ")}`);
  }
  if (keys.length > 0) throw errors.notImplemented(`object subresource ${keys.join(", ")}`);
  if (method === "GET") return "GetObject";
  if (method === "HEAD") return "HeadObject";
  if (method === "PUT") return "PutObject";
  throw errors.methodNotAllowed(method);
}

function send(res: ServerResponse, requestId: string, response: ops.S3Response, head: boolean): void {
  const body = head ? undefined : response.body;
  res.writeHead(response.status, {
    "x-amz-request-id": requestId,
    "x-amz-id-2": requestId,
    server: "S3TestServer",
    ...(body !== undefined ? { "content-length": String(Buffer.byteLength(body)) } : {}),
    ...response.headers,
  });
  res.end(body);
}

async function handleRequest(ctx: HandlerContext, req: IncomingMessage, head: boolean): Promise<ops.S3Response> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const rawPath = q === -1 ? url : url.slice(0, q);
  const query = parseQuery(q === -1 ? "" : url.slice(q + 1));
  const headers = collectHeaders(req.rawHeaders);
  const target = address(rawPath, headers.host ?? "");
  const method = (req.method ?? "GET").toUpperCase();

  const body = await readBody(req, ctx.maxBodyBytes);
  const incoming: IncomingRequest = { method, hostname: (headers.host ?? "").replace(/:\d+$/, ""), rawPath, query, headers };
  const auth = await authenticate(incoming, ctx.accounts, { maxSkewMs: ctx.maxSkewMs, credentialsNow: new Date(ctx.credentialsNow()) });
  const operation = resolveOperation(method, target, query);

  if (operation === "ListBuckets") {
    if (!auth) throw errors.accessDenied();
    const all = [...ctx.store.buckets.values()];
    const names = new Set(visibleBuckets(auth.account.allow, all.map((b) => b.name)));
    return ops.listBuckets(all.filter((b) => names.has(b.name)), { id: auth.accessKeyId, name: auth.account.displayName ?? auth.accessKeyId });
  }

  const bucket = ctx.store.buckets.get(target.bucket);
  if (!bucket) throw errors.noSuchBucket(target.bucket);
  // GetBucketLocation answers from any region: that is what it is for.
  if (operation !== "GetBucketLocation") {
    const endpointRegion = ctx.servesAllRegions ? (auth?.scopeRegion ?? ctx.region) : ctx.region;
    if (bucket.region !== endpointRegion) {
      const host = ctx.servesAllRegions ? undefined : ctx.endpointHost(bucket.region);
      throw errors.permanentRedirect(bucket.name, bucket.region, host ?? `${bucket.name}.s3.${bucket.region}.amazonaws.com`);
    }
    if (auth && auth.scopeRegion !== bucket.region) throw errors.wrongRegionScope(auth.scopeRegion, bucket.region);
  }
  if (!auth) throw errors.accessDenied();
  const payload = verifyPayload(body, auth.payloadHash);

  const prefix = typeof query.prefix === "string" ? query.prefix : undefined;
  if (!isAllowed(auth.account.allow, operation, bucket.name, { prefix, key: target.key })) {
    // Like S3: without list permission a missing key looks the same as a forbidden one.
    throw errors.accessDenied();
  }

  switch (operation) {
    case "HeadBucket":
      return ops.headBucket(bucket);
    case "GetBucketLocation":
      return ops.getBucketLocation(bucket);
    case "ListObjectsV2":
      return ops.listObjectsV2(bucket, query);
    case "GetObject":
    case "HeadObject": {
      const object = bucket.objects.get(target.key);
      if (!object) {
        const canList = isAllowed(auth.account.allow, "ListObjectsV2", bucket.name, { prefix: target.key });
        throw canList ? errors.noSuchKey(target.key) : errors.accessDenied();
      }
      return ops.getObject(object, headers.range, head);
    }
    case "PutObject":
      verifyContentMd5(payload, headers["content-md5"]);
      return ops.putObject(ctx.store, bucket, target.key, payload, headers["content-type"]);
  }
}

function bucketOf(req: IncomingMessage): string {
  try {
    return address((req.url ?? "/").split("?")[0] ?? "/", req.headers.host ?? "").bucket;
  } catch {
    return "";
  }
}

export function createHandler(ctx: HandlerContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    const head = (req.method ?? "").toUpperCase() === "HEAD";
    handleRequest(ctx, req, head)
      .then((response) => {
        send(res, requestId, response, head);
        ctx.onRequest?.({ method: req.method ?? "", url: req.url ?? "", status: response.status });
      })
      .catch((error: unknown) => {
        const s3Error = error instanceof S3Error ? error : new S3Error("InternalError", 500, "We encountered an internal error. Please try again.");
        if (!(error instanceof S3Error)) console.error("[s3-test-server] internal error:", error);
        const headers: Record<string, string> = { ...s3Error.headers };
        // HEAD errors have no body, so S3 still tells the bucket's region in a header.
        const bucketName = head ? bucketOf(req) : "";
        const bucket = bucketName ? ctx.store.buckets.get(bucketName) : undefined;
        if (bucket) headers["x-amz-bucket-region"] = bucket.region;
        const body = head ? undefined : s3Error.toXml(requestId);
        send(res, requestId, { status: s3Error.status, headers: { ...(body ? { "content-type": "application/xml" } : {}), ...headers }, body }, head);
        ctx.onRequest?.({ method: req.method ?? "", url: req.url ?? "", status: s3Error.status, code: s3Error.code });
      });
  };
}
