/**
 * Service URL classification (pure, browser-safe).
 *
 * Flow Service's optional `serviceUrl` is documented as
 * https://s3.{REGION}.amazonaws.com. We accept three outcomes:
 *  - "aws": a recognized AWS S3 endpoint, with its region when it names one;
 *  - "custom": any other origin (an S3-compatible service), accepted with a
 *    warning because nothing here can vouch for it. Whether the console may
 *    call it is not decided here but by the egress guard on the server
 *    (lib/net): plain http, loopback and private addresses are refused there
 *    unless OUTBOUND_ALLOW lists the origin (the local stack lists its own);
 *  - invalid: malformed, wrong scheme, credentials, a path, query or fragment.
 * An empty value means "no service URL" (the field is optional).
 */
import { KNOWN_AWS_REGIONS, awsRegionalEndpoint, isAmazonAwsHost, parseAwsS3Host } from "./aws-hosts";

export type ServiceUrlProblem = { rule: string; message: string };

export type ServiceUrlResult =
  | { ok: true; kind: "none"; warnings: string[] }
  | { ok: true; kind: "aws"; url: string; region?: string; warnings: string[] }
  | { ok: true; kind: "custom"; url: string; local: boolean; warnings: string[] }
  | { ok: false; problems: ServiceUrlProblem[] };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Loopback host names, for the "AEP cannot reach your machine" warning (not a permission). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function fail(rule: string, message: string): ServiceUrlResult {
  return { ok: false, problems: [{ rule, message }] };
}

export function classifyServiceUrl(input: unknown): ServiceUrlResult {
  if (input === undefined || input === null) return { ok: true, kind: "none", warnings: [] };
  if (typeof input !== "string") return fail("type", "The service URL must be text.");
  let text = input.trim();
  if (text === "") return { ok: true, kind: "none", warnings: [] };

  const warnings: string[] = [];
  if (!HAS_SCHEME.test(text)) {
    // "mailto:x" or "s3:bucket" carry a scheme without "//"; "localhost:4569" is a host and port.
    if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) {
      return fail("scheme", `"${text}" is not a web address; the service URL must start with https://.`);
    }
    text = `https://${text}`;
    warnings.push(`No scheme was given, so https:// was assumed (${text}).`);
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail("malformed", `"${input.trim()}" is not a valid URL. Expected something like https://s3.eu-west-1.amazonaws.com.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return fail("scheme", `The service URL must use https:// (found ${url.protocol}//).`);
  }
  if (url.hostname === "") return fail("malformed", "The service URL has no host name.");
  if (url.username !== "" || url.password !== "") {
    return fail(
      "credentials-in-url",
      "The service URL must not contain a user name or password; enter the access key and secret in their own fields.",
    );
  }

  const aws = parseAwsS3Host(url.hostname);
  if (url.pathname !== "/" && url.pathname !== "") {
    const bucketHint = aws?.bucket ?? url.pathname.split("/").filter(Boolean)[0];
    const origin = suggestedOrigin(url, aws);
    return fail(
      "path",
      `The service URL must be just the endpoint, without a path. This looks like a bucket or folder address` +
        (bucketHint ? ` (bucket "${decodeSafe(bucketHint)}")` : "") +
        `: use ${origin} as the service URL and enter the bucket and folder in their own fields.`,
    );
  }
  if (url.search !== "" || url.hash !== "") {
    return fail("query", "The service URL must not have a query string (?…) or fragment (#…).");
  }

  const local = isLoopbackHost(url.hostname);
  if (url.protocol === "http:" && (aws || isAmazonAwsHost(url.hostname))) {
    return fail("https-required", "AWS endpoints must be called with https://.");
  }

  if (aws) {
    if (aws.bucket) {
      const endpoint = aws.region ? awsRegionalEndpoint(aws.region) : "https://s3.amazonaws.com";
      return fail(
        "bucket-in-host",
        `This URL includes the bucket "${aws.bucket}" in its host name. Use ${endpoint} as the service URL and enter the bucket name in its own field.`,
      );
    }
    if (aws.unrecognized) {
      return fail(
        "unrecognized-aws-host",
        `${url.hostname} is not a regional S3 endpoint. Use https://s3.<region>.amazonaws.com, for example https://s3.eu-west-1.amazonaws.com.`,
      );
    }
    if (aws.region && !KNOWN_AWS_REGIONS.has(aws.region)) {
      warnings.push(`"${aws.region}" is not a region this app knows; check the spelling (for example eu-west-1).`);
    }
    if (!aws.region) {
      warnings.push(
        "This is the global endpoint: it works for buckets in us-east-1; for other regions prefer https://s3.<region>.amazonaws.com.",
      );
    }
    return { ok: true, kind: "aws", url: `https://${url.host}`, region: aws.region, warnings };
  }

  if (isAmazonAwsHost(url.hostname)) {
    return fail(
      "unrecognized-aws-host",
      `${url.hostname} is an AWS host but not an S3 endpoint. Use https://s3.<region>.amazonaws.com, for example https://s3.eu-west-1.amazonaws.com.`,
    );
  }

  warnings.push(
    local
      ? "This is a local endpoint: fine for testing here, but Adobe Experience Platform cannot reach your machine."
      : "This is not an AWS endpoint. It will be treated as an S3-compatible service (path-style requests); make sure Adobe Experience Platform can reach it.",
  );
  if (url.protocol === "http:") {
    warnings.push("Plain http:// is not encrypted: the console calls it only when its administrator listed this origin in OUTBOUND_ALLOW.");
  }
  return { ok: true, kind: "custom", url: `${url.protocol}//${url.host}`, local, warnings };
}

/** The endpoint part of a bucket/folder URL: the regional endpoint, or the host without the bucket label. */
function suggestedOrigin(url: URL, aws: ReturnType<typeof parseAwsS3Host>): string {
  if (aws?.region) return awsRegionalEndpoint(aws.region);
  const host = aws?.bucket ? url.host.slice(aws.bucket.length + 1) : url.host;
  return `${url.protocol}//${host}`;
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
