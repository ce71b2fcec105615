/**
 * ListObjectsV2 semantics for the S3 test server (pure): prefix, delimiter
 * roll-up into common prefixes, max-keys, start-after and continuation
 * tokens, in S3's order (UTF-8 byte order, not JavaScript's UTF-16 order).
 */
import type { StoredObject } from "./types";
import { S3_XMLNS, el, errors, xmlDocument } from "./xml";

export type ListParams = {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  startAfter?: string;
  continuationToken?: string;
  encodingType?: "url";
};

export type ListResult = {
  contents: StoredObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextContinuationToken?: string;
};

function byteCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Opaque to clients, like S3's; we only need it to round-trip the last item. */
function encodeToken(lastItem: string): string {
  return Buffer.from(`v1:${lastItem}`, "utf8").toString("base64url");
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith("v1:")) throw errors.invalidArgument("The continuation token provided is incorrect");
  return text.slice(3);
}

export function listObjects(objects: Iterable<StoredObject>, params: ListParams): ListResult {
  const after = params.continuationToken !== undefined ? decodeToken(params.continuationToken) : params.startAfter;
  const sorted = [...objects]
    .filter((o) => o.key.startsWith(params.prefix))
    .sort((a, b) => byteCompare(a.key, b.key));

  const contents: StoredObject[] = [];
  const commonPrefixes: string[] = [];
  let count = 0;
  let lastItem: string | undefined;
  for (const object of sorted) {
    // Each key maps to one "item": itself, or the common prefix it rolls up into.
    let item = object.key;
    let isPrefix = false;
    if (params.delimiter) {
      const idx = object.key.indexOf(params.delimiter, params.prefix.length);
      if (idx !== -1) {
        item = object.key.slice(0, idx + params.delimiter.length);
        isPrefix = true;
      }
    }
    // Items come in non-decreasing order, so "after the token" is a simple compare.
    if (after !== undefined && byteCompare(item, after) <= 0) continue;
    if (isPrefix && commonPrefixes[commonPrefixes.length - 1] === item) continue;
    if (count >= params.maxKeys) {
      // max-keys=0 returns nothing and no token (a token could not advance).
      if (lastItem === undefined) return { contents, commonPrefixes, isTruncated: false };
      return { contents, commonPrefixes, isTruncated: true, nextContinuationToken: encodeToken(lastItem) };
    }
    if (isPrefix) commonPrefixes.push(item);
    else contents.push(object);
    count += 1;
    lastItem = item;
  }
  return { contents, commonPrefixes, isTruncated: false };
}

/** Parses and validates the query parameters of a ListObjectsV2 request. */
export function parseListParams(query: Record<string, string | string[]>): ListParams {
  const one = (name: string) => {
    const v = query[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const maxKeysText = one("max-keys");
  const maxKeys = maxKeysText === undefined ? 1000 : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw errors.invalidArgument("Provided max-keys not an integer or within integer range");
  const encodingType = one("encoding-type");
  if (encodingType !== undefined && encodingType !== "url") throw errors.invalidArgument("Invalid Encoding Method specified in Request");
  const delimiter = one("delimiter");
  return {
    prefix: one("prefix") ?? "",
    ...(delimiter ? { delimiter } : {}),
    maxKeys: Math.min(maxKeys, 1000),
    ...(one("start-after") !== undefined ? { startAfter: one("start-after") } : {}),
    ...(one("continuation-token") !== undefined ? { continuationToken: one("continuation-token") } : {}),
    ...(encodingType === "url" ? { encodingType: "url" as const } : {}),
  };
}

export function listResultXml(bucket: string, params: ListParams, result: ListResult): string {
  const enc = (v: string | undefined) => (v === undefined ? undefined : params.encodingType === "url" ? encodeURIComponent(v) : v);
  const contents = result.contents
    .map(
      (o) =>
        `<Contents>${el("Key", enc(o.key))}${el("LastModified", o.lastModified.toISOString())}${el("ETag", o.etag)}` +
        `${el("Size", o.body.length)}${el("StorageClass", "STANDARD")}</Contents>`,
    )
    .join("");
  const prefixes = result.commonPrefixes.map((p) => `<CommonPrefixes>${el("Prefix", enc(p))}</CommonPrefixes>`).join("");
  return xmlDocument(
    `<ListBucketResult xmlns="${S3_XMLNS}">${el("Name", bucket)}${el("Prefix", enc(params.prefix))}` +
      `${el("Delimiter", enc(params.delimiter))}${el("MaxKeys", params.maxKeys)}` +
      `${el("KeyCount", result.contents.length + result.commonPrefixes.length)}${el("IsTruncated", result.isTruncated)}` +
      `${el("EncodingType", params.encodingType)}${el("ContinuationToken", params.continuationToken)}` +
      `${el("NextContinuationToken", result.nextContinuationToken)}${el("StartAfter", enc(params.startAfter))}` +
      `${contents}${prefixes}</ListBucketResult>`,
  );
}
