/**
 * The S3 operations the test server implements, as pure functions from the
 * parsed request to a response description. Authentication, region checks
 * and authorization have already happened in handler.ts.
 */
import type { ObjectStore } from "./store";
import type { StoredBucket, StoredObject } from "./types";
import { listObjects, listResultXml, parseListParams } from "./list";
import { S3_XMLNS, el, errors, xmlDocument } from "./xml";

export type S3Response = { status: number; headers: Record<string, string>; body?: Buffer | string };

const XML = { "content-type": "application/xml" };

export function listBuckets(buckets: StoredBucket[], owner: { id: string; name: string }): S3Response {
  const items = [...buckets]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(
      (b) =>
        `<Bucket>${el("Name", b.name)}${el("CreationDate", b.createdAt.toISOString())}${el("BucketRegion", b.region)}</Bucket>`,
    )
    .join("");
  const body = xmlDocument(
    `<ListAllMyBucketsResult xmlns="${S3_XMLNS}"><Owner>${el("ID", owner.id)}${el("DisplayName", owner.name)}</Owner>` +
      `<Buckets>${items}</Buckets></ListAllMyBucketsResult>`,
  );
  return { status: 200, headers: XML, body };
}

export function headBucket(bucket: StoredBucket): S3Response {
  return { status: 200, headers: { "x-amz-bucket-region": bucket.region, "x-amz-access-point-alias": "false" } };
}

export function getBucketLocation(bucket: StoredBucket): S3Response {
  // S3 reports us-east-1 as an empty LocationConstraint, for historical reasons.
  const region = bucket.region === "us-east-1" ? "" : bucket.region;
  return {
    status: 200,
    headers: XML,
    body: xmlDocument(`<LocationConstraint xmlns="${S3_XMLNS}">${region}</LocationConstraint>`),
  };
}

export function listObjectsV2(bucket: StoredBucket, query: Record<string, string | string[]>): S3Response {
  const params = parseListParams(query);
  const result = listObjects(bucket.objects.values(), params);
  return { status: 200, headers: XML, body: listResultXml(bucket.name, params, result) };
}

function objectHeaders(object: StoredObject): Record<string, string> {
  return {
    "content-type": object.contentType,
    etag: object.etag,
    "last-modified": object.lastModified.toUTCString(),
    "accept-ranges": "bytes",
  };
}

/** Parses a single "bytes=" range; returns null to serve the whole object (as S3 does for ranges it ignores). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) throw errors.invalidRange();
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (end < start && m[2] !== "") return null;
  }
  if (start >= size) throw errors.invalidRange();
  return { start, end };
}

export function getObject(object: StoredObject, rangeHeader: string | undefined, head: boolean): S3Response {
  const size = object.body.length;
  const range = parseRange(rangeHeader, size);
  if (!range) {
    return {
      status: 200,
      headers: { ...objectHeaders(object), "content-length": String(size) },
      ...(head ? {} : { body: object.body }),
    };
  }
  const slice = object.body.subarray(range.start, range.end + 1);
  return {
    status: 206,
    headers: {
      ...objectHeaders(object),
      "content-length": String(slice.length),
      "content-range": `bytes ${range.start}-${range.end}/${size}`,
    },
    ...(head ? {} : { body: slice }),
  };
}

export function putObject(store: ObjectStore, bucket: StoredBucket, key: string, body: Buffer, contentType?: string): S3Response {
  if (key === "") throw errors.invalidRequest("A key is required to upload an object.");
  if (Buffer.byteLength(key, "utf8") > 1024) throw errors.invalidArgument("Your key is too long");
  const stored = store.putObject(bucket.name, { key, body, ...(contentType ? { contentType } : {}) });
  return { status: 200, headers: { etag: stored.etag } };
}
