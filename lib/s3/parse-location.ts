/**
 * Pasted S3 location parsing (pure, browser-safe).
 *
 * Users copy bucket locations from many places: the S3 console, the CLI
 * (s3://…), a policy (ARN), an object URL. This turns any of those into the
 * bucket, folder and (when the text names one) region the form needs. The
 * bucket is extracted, not validated: run validateBucketName on it so the
 * user sees every naming problem, not "could not parse".
 */
import { parseAwsS3Host } from "./aws-hosts";
import { normalizeFolderPath } from "./folder-path";

export { folderPrefix, normalizeFolderPath } from "./folder-path";

export type LocationForm = "s3-uri" | "arn" | "virtual-hosted" | "path-style" | "console" | "plain";

export type BucketLocation = {
  bucket: string;
  /** Normalized folder path without leading/trailing slash; "" is the bucket root. */
  folderPath: string;
  /** Region named by the pasted text (host name or console URL), if any. */
  region?: string;
  /** Origin of a non-AWS (S3-compatible) endpoint given in a path-style URL. */
  endpoint?: string;
  form: LocationForm;
};

export type ParseLocationResult = ({ ok: true } & BucketLocation) | { ok: false; message: string };

const S3_URI = /^s3[an]?:\/\//i;
const S3_ARN = /^arn:(aws|aws-cn|aws-us-gov):s3:([^:]*):([^:]*):(.*)$/;
const HTTP_URL = /^https?:\/\//i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function fail(message: string): ParseLocationResult {
  return { ok: false, message };
}

function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** Splits "bucket/a/b" into bucket and the rest, then normalizes the folder. */
function fromBucketAndPath(
  bucket: string,
  rest: string,
  extra: Omit<BucketLocation, "bucket" | "folderPath">,
): ParseLocationResult {
  if (bucket === "") return fail("No bucket name was found in the pasted location.");
  const folder = normalizeFolderPath(rest);
  if (!folder.ok) return fail(folder.problems.map((p) => p.message).join(" "));
  return { ok: true, bucket, folderPath: folder.path, ...extra };
}

function splitFirst(text: string): [string, string] {
  const slash = text.indexOf("/");
  return slash === -1 ? [text, ""] : [text.slice(0, slash), text.slice(slash + 1)];
}

function parseArn(text: string): ParseLocationResult {
  const match = S3_ARN.exec(text);
  if (!match) return fail("This ARN is not an S3 ARN (expected arn:aws:s3:::bucket/folder).");
  const [, , region, account, resource = ""] = match;
  if (region !== "" || account !== "") {
    return fail("Access point and other regional S3 ARNs are not supported; paste the bucket ARN (arn:aws:s3:::bucket/folder).");
  }
  // Policy resources often end with "/*" (all objects in the folder): drop it.
  const [bucket, rest] = splitFirst(resource.replace(/\/?\*$/, ""));
  return fromBucketAndPath(bucket, rest, { form: "arn" });
}

function parseHttpUrl(text: string): ParseLocationResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail("The pasted text looks like a web address but is not a valid URL.");
  }
  const host = url.hostname.toLowerCase();

  // S3 console: https://<region>.console.aws.amazon.com/s3/buckets/<bucket>?prefix=<folder>/&region=<region>
  if (host === "console.aws.amazon.com" || host.endsWith(".console.aws.amazon.com")) {
    const match = /^\/s3\/(?:buckets|object)\/([^/?#]+)\/?(.*)$/.exec(url.pathname);
    if (!match) return fail("This AWS console address does not point at an S3 bucket (open the bucket, then copy the address).");
    const bucket = decodePath(match[1] ?? "");
    const prefix = url.searchParams.get("prefix") ?? decodePath(match[2] ?? "") ?? "";
    if (bucket === null) return fail("The bucket name in this console address is not valid URL encoding.");
    const region = url.searchParams.get("region") ?? /^([a-z0-9-]+)\.console\./.exec(host)?.[1];
    return fromBucketAndPath(bucket, prefix, { form: "console", ...(region ? { region } : {}) });
  }

  const path = decodePath(url.pathname.replace(/^\//, ""));
  if (path === null) return fail("The path in this URL is not valid URL encoding.");
  const aws = parseAwsS3Host(host);
  if (aws?.unrecognized) return fail(`${host} is not an S3 endpoint this app understands.`);
  if (aws?.bucket) {
    return fromBucketAndPath(aws.bucket, path, { form: "virtual-hosted", ...(aws.region ? { region: aws.region } : {}) });
  }
  const [bucket, rest] = splitFirst(path);
  if (bucket === "") return fail("This URL is an S3 endpoint but names no bucket; add the bucket after the host (…/bucket/folder).");
  if (aws) return fromBucketAndPath(bucket, rest, { form: "path-style", ...(aws.region ? { region: aws.region } : {}) });
  // A non-AWS host: read it as a path-style URL of an S3-compatible service.
  return fromBucketAndPath(bucket, rest, { form: "path-style", endpoint: `${url.protocol}//${url.host}` });
}

/**
 * Recognizes s3://bucket/folder (also s3a:// and s3n://), bucket/folder,
 * arn:aws:s3:::bucket/folder, virtual-hosted and path-style S3 URLs (with or
 * without a region) and S3 console URLs.
 */
export function parseBucketLocation(input: unknown): ParseLocationResult {
  if (typeof input !== "string") return fail("Paste a bucket location as text.");
  // Trim whitespace and one pair of surrounding quotes or backticks.
  const text = input.trim().replace(/^(["'`])(.*)\1$/s, "$2").trim();
  if (text === "") return fail("Paste a bucket location, for example s3://my-bucket/exports/.");

  if (S3_URI.test(text)) {
    const [bucket, rest] = splitFirst(text.replace(S3_URI, ""));
    return fromBucketAndPath(bucket, rest, { form: "s3-uri" });
  }
  if (/^arn:/i.test(text)) return parseArn(text);
  if (HTTP_URL.test(text)) return parseHttpUrl(text);
  if (OTHER_SCHEME.test(text)) {
    return fail("Only Amazon S3 locations are supported (s3://bucket/folder, an S3 URL, or an S3 ARN).");
  }
  const [bucket, rest] = splitFirst(text.replace(/^\/+/, ""));
  return fromBucketAndPath(bucket, rest, { form: "plain" });
}
