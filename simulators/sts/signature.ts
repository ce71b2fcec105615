/**
 * SigV4 verification for the STS simulator.
 *
 * The S3 test server's `authenticate` is S3-specific (it insists on service
 * "s3", raises S3 errors, requires x-amz-content-sha256 and skips the second
 * path escaping S3 alone uses), so it cannot verify an STS request. We reuse
 * its building blocks instead: the node:crypto hash for the SDK's own signer
 * and the constant-time comparison. As there, we rebuild the request the
 * client signed and sign it with the secret we hold; equal signatures prove
 * the caller knew the secret. Unlike S3, the body is part of what is signed:
 * an STS body carries the parameters (RoleArn...), so it is hashed here too.
 */
import { createHash } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { HttpRequest } from "@smithy/types";
import { NodeSha256, safeEqual } from "../s3/sigv4";
import type { StsCaller } from "./types";
import { stsErrors } from "./xml";

export type StsHttpRequest = {
  method: string;
  /** Path as sent, without the query string. */
  rawPath: string;
  /** Decoded query parameters. */
  query: Record<string, string | string[]>;
  /** Lower-cased header names; repeated headers joined with ",". */
  headers: Record<string, string>;
  body: Buffer;
};

export type Verified = { accessKeyId: string; caller: StsCaller };

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseAmzDate(value: string): Date | null {
  const m = AMZ_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? null : date;
}

function parseAuthorization(value: string): { credential: string; signedHeaders: string[]; signature: string } {
  if (!value.startsWith("AWS4-HMAC-SHA256 ")) {
    throw stsErrors.incompleteSignature("Unsupported AWS 'algorithm': this endpoint accepts AWS4-HMAC-SHA256 only.");
  }
  const fields = new Map<string, string>();
  for (const part of value.slice("AWS4-HMAC-SHA256 ".length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) {
    throw stsErrors.incompleteSignature("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
  }
  return { credential, signedHeaders: signedHeaders.split(";"), signature };
}

function lookupCaller(callers: ReadonlyMap<string, StsCaller>, accessKeyId: string, token: string | undefined, now: Date): StsCaller {
  const caller = callers.get(accessKeyId);
  // STS answers InvalidClientTokenId for an unknown key and for a token that does not belong to it.
  if (!caller) throw stsErrors.invalidClientTokenId();
  if ((caller.sessionToken === undefined) !== (token === undefined)) throw stsErrors.invalidClientTokenId();
  if (caller.sessionToken !== undefined && !safeEqual(token ?? "", caller.sessionToken)) throw stsErrors.invalidClientTokenId();
  if (caller.expiresAt !== undefined && new Date(caller.expiresAt).getTime() <= now.getTime()) throw stsErrors.expiredToken();
  return caller;
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    return rawPath;
  }
}

/** Authenticates a request signed in the Authorization header; throws an StsError otherwise. */
export async function verifyStsSignature(
  req: StsHttpRequest,
  callers: ReadonlyMap<string, StsCaller>,
  clocks: { now: Date; credentialsNow: Date },
  maxSkewMs: number,
): Promise<Verified> {
  const { now } = clocks;
  const authorization = req.headers.authorization;
  if (authorization === undefined) {
    if (req.query["X-Amz-Algorithm"] !== undefined) {
      throw stsErrors.incompleteSignature("This simulator accepts only signatures in the Authorization header, not presigned URLs.");
    }
    throw stsErrors.missingAuthenticationToken();
  }
  const { credential, signedHeaders, signature } = parseAuthorization(authorization);
  const scope = credential.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request" || scope.some((p) => p === "")) {
    throw stsErrors.incompleteSignature("Credential must have the form <access key id>/<date>/<region>/sts/aws4_request.");
  }
  const [accessKeyId, scopeDate, scopeRegion, service] = scope as [string, string, string, string];
  if (service !== "sts") throw stsErrors.signatureDoesNotMatch("Credential should be scoped to correct service: 'sts'.");

  const token = req.headers["x-amz-security-token"];
  const caller = lookupCaller(callers, accessKeyId, token, clocks.credentialsNow);

  const amzDate = req.headers["x-amz-date"] ?? "";
  const date = parseAmzDate(amzDate);
  if (!date) throw stsErrors.incompleteSignature("Authorization header requires existence of a valid 'X-Amz-Date' header.");
  if (amzDate.slice(0, 8) !== scopeDate) {
    throw stsErrors.signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.");
  }
  if (!signedHeaders.includes("host")) throw stsErrors.signatureDoesNotMatch("The host header must be signed.");

  // The SDK declares the body hash in a header; a mismatch means the parameters were altered after signing.
  const bodyHash = createHash("sha256").update(req.body).digest("hex");
  const declared = req.headers["x-amz-content-sha256"];
  if (declared !== undefined && declared !== bodyHash) throw stsErrors.signatureDoesNotMatch();

  const picked: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = req.headers[name];
    if (value !== undefined) picked[name] = value;
  }
  const signer = new SignatureV4({
    service: "sts",
    region: scopeRegion,
    credentials: { accessKeyId, secretAccessKey: caller.secretAccessKey, ...(token ? { sessionToken: token } : {}) },
    sha256: NodeSha256,
    // Never add headers the client did not sign; the canonical request must be the client's.
    applyChecksum: false,
  });
  const rebuilt: HttpRequest = {
    method: req.method,
    protocol: "http:",
    hostname: picked.host ?? "",
    path: decodePath(req.rawPath),
    query: req.query,
    headers: picked,
    body: req.body,
  };
  const signed = await signer.sign(rebuilt, { signingDate: date, signableHeaders: new Set(signedHeaders) });
  const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization ?? ""))?.[1] ?? "";
  if (!safeEqual(expected, signature)) throw stsErrors.signatureDoesNotMatch();

  const skew = now.getTime() - date.getTime();
  if (Math.abs(skew) > maxSkewMs) {
    const limit = new Date(now.getTime() + (skew > 0 ? -maxSkewMs : maxSkewMs)).toISOString();
    throw stsErrors.signatureDoesNotMatch(
      `Signature ${skew > 0 ? "expired" : "not yet current"}: ${amzDate} is now ${skew > 0 ? "earlier" : "later"} than ${limit}.`,
    );
  }
  return { accessKeyId, caller };
}
