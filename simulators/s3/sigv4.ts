/**
 * AWS Signature Version 4 verification for the S3 test server.
 *
 * Rather than re-implementing the canonical request by hand (the usual source
 * of fakes that accept wrong signatures or reject the SDK's), we rebuild the
 * request the client signed (same method, raw path, query, signed headers,
 * date, scope) and let @smithy/signature-v4, the SDK's own signer, sign it
 * with the secret we hold. Equal signatures prove the client knew the secret.
 * Comparison is constant-time.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Checksum, HttpRequest, SourceData } from "@smithy/types";
import type { S3Account } from "./types";
import { errors } from "./xml";

/** What the verifier needs to know about an incoming request. */
export type IncomingRequest = {
  method: string;
  hostname: string;
  /** Path exactly as sent (still percent-encoded), without the query string. */
  rawPath: string;
  /** Decoded query parameters. */
  query: Record<string, string | string[]>;
  /** Lower-cased header names; repeated headers joined with ",". */
  headers: Record<string, string>;
};

export type Authenticated = {
  accessKeyId: string;
  account: S3Account;
  /** Region of the credential scope the client signed for. */
  scopeRegion: string;
  presigned: boolean;
  /** Declared payload hash: hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-* marker. */
  payloadHash: string;
};

/** node:crypto behind the Checksum interface the signer expects. */
export class NodeSha256 implements Checksum {
  private hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

function toBuffer(data: SourceData): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** Constant-time string equality (lengths may leak, contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function parseAmzDate(value: string | undefined): Date | null {
  const m = value ? AMZ_DATE.exec(value) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return Number.isNaN(date.getTime()) ? null : date;
}

type Scope = { accessKeyId: string; date: string; region: string; service: string };

function parseCredential(credential: string): Scope {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request" || parts.some((p) => p === "")) {
    throw errors.authorizationHeaderMalformed(
      'the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (service !== "s3") throw errors.authorizationHeaderMalformed(`incorrect service "${service}". This endpoint belongs to "s3".`);
  return { accessKeyId, date, region, service };
}

/**
 * Looks the key up and checks its session token and expiry, the way STS credentials behave.
 * `credentialsNow` is the credential clock (it may run ahead of the real one in tests).
 */
function resolveAccount(accounts: ReadonlyMap<string, S3Account>, accessKeyId: string, token: string | undefined, credentialsNow: Date) {
  const account = accounts.get(accessKeyId);
  // Temporary keys are unknown to S3 without their token, hence InvalidAccessKeyId.
  if (!account || (account.sessionToken !== undefined && token === undefined)) throw errors.invalidAccessKeyId(accessKeyId);
  if (token !== undefined && (account.sessionToken === undefined || !safeEqual(token, account.sessionToken))) {
    throw errors.invalidToken();
  }
  if (account.expiresAt !== undefined && new Date(account.expiresAt).getTime() <= credentialsNow.getTime()) throw errors.expiredToken(token);
  return account;
}

function signerFor(scope: Scope, account: S3Account, accessKeyId: string, token: string | undefined): SignatureV4 {
  return new SignatureV4({
    service: scope.service,
    region: scope.region,
    credentials: { accessKeyId, secretAccessKey: account.secretAccessKey, ...(token ? { sessionToken: token } : {}) },
    sha256: NodeSha256,
    // S3 signs the path as sent: no second round of URI escaping.
    uriEscapePath: false,
    applyChecksum: false,
  });
}

function pickHeaders(req: IncomingRequest, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = req.headers[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

function baseRequest(req: IncomingRequest, headers: Record<string, string>, query: HttpRequest["query"]): HttpRequest {
  return { method: req.method, protocol: "http:", hostname: req.hostname, path: req.rawPath, query, headers };
}

const PRESIGN_PARAMS = [
  "X-Amz-Algorithm",
  "X-Amz-Credential",
  "X-Amz-Date",
  "X-Amz-Expires",
  "X-Amz-SignedHeaders",
  "X-Amz-Signature",
  "X-Amz-Security-Token",
];

function queryValue(req: IncomingRequest, name: string): string | undefined {
  const value = req.query[name];
  return Array.isArray(value) ? value[0] : value;
}

type Clocks = { now: Date; credentialsNow: Date; maxSkewMs: number };

async function verifyHeaderAuth(req: IncomingRequest, accounts: ReadonlyMap<string, S3Account>, { now, credentialsNow, maxSkewMs }: Clocks) {
  const authorization = req.headers.authorization ?? "";
  if (!authorization.startsWith("AWS4-HMAC-SHA256 ")) {
    throw errors.invalidRequest("The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
  }
  const fields = new Map<string, string>();
  for (const part of authorization.slice("AWS4-HMAC-SHA256 ".length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaderList = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaderList || !signature) {
    throw errors.authorizationHeaderMalformed("it must contain Credential, SignedHeaders and Signature.");
  }
  const scope = parseCredential(credential);
  const token = req.headers["x-amz-security-token"];
  const account = resolveAccount(accounts, scope.accessKeyId, token, credentialsNow);

  const date = parseAmzDate(req.headers["x-amz-date"]);
  if (!date) throw errors.accessDenied("AWS authentication requires a valid Date or x-amz-date header");
  if (req.headers["x-amz-date"]!.slice(0, 8) !== scope.date) {
    throw errors.authorizationHeaderMalformed("Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  const signedHeaders = signedHeaderList.split(";");
  if (!signedHeaders.includes("host")) throw errors.authorizationHeaderMalformed("the host header must be signed.");
  const unsigned = Object.keys(req.headers).filter((h) => h.startsWith("x-amz-") && !signedHeaders.includes(h));
  if (unsigned.length > 0) {
    throw errors.accessDenied(`There were headers present in the request which were not signed: ${unsigned.join(", ")}`);
  }
  const payloadHash = req.headers["x-amz-content-sha256"];
  if (payloadHash === undefined) throw errors.missingSecurityHeader("x-amz-content-sha256");

  const signer = signerFor(scope, account, scope.accessKeyId, token);
  const signed = await signer.sign(baseRequest(req, pickHeaders(req, signedHeaders), withoutKeys(req.query, [])), {
    signingDate: date,
    signableHeaders: new Set(signedHeaders),
  });
  const expected = /Signature=([0-9a-f]+)/.exec(signed.headers.authorization ?? "")?.[1] ?? "";
  if (!safeEqual(expected, signature)) throw errors.signatureDoesNotMatch(scope.accessKeyId);
  if (Math.abs(now.getTime() - date.getTime()) > maxSkewMs) throw errors.requestTimeTooSkewed();
  return { accessKeyId: scope.accessKeyId, account, scopeRegion: scope.region, presigned: false, payloadHash };
}

async function verifyPresigned(req: IncomingRequest, accounts: ReadonlyMap<string, S3Account>, { now, credentialsNow, maxSkewMs }: Clocks) {
  if (queryValue(req, "X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") {
    throw errors.invalidArgument("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
  }
  const [credential, amzDate, expiresText, signedHeaderList, signature] = [
    "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature",
  ].map((name) => queryValue(req, name));
  if (!credential || !amzDate || !expiresText || !signedHeaderList || !signature) {
    throw errors.invalidArgument("Query-string authentication requires the X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature parameters.");
  }
  const scope = parseCredential(credential);
  const token = queryValue(req, "X-Amz-Security-Token");
  const account = resolveAccount(accounts, scope.accessKeyId, token, credentialsNow);
  const date = parseAmzDate(amzDate);
  const expiresIn = Number(expiresText);
  if (!date || amzDate.slice(0, 8) !== scope.date) throw errors.invalidArgument("X-Amz-Date must be in the ISO8601 Long Format and match the credential date.");
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > 604800) {
    throw errors.invalidArgument("X-Amz-Expires must be between 1 and 604800 seconds.");
  }
  const signedHeaders = signedHeaderList.split(";");
  // Presigned S3 URLs always sign an unsigned payload.
  const headers = { ...pickHeaders(req, signedHeaders), "x-amz-content-sha256": "UNSIGNED-PAYLOAD" };
  const signer = signerFor(scope, account, scope.accessKeyId, token);
  const presigned = await signer.presign(baseRequest(req, headers, withoutKeys(req.query, PRESIGN_PARAMS)), {
    signingDate: date,
    expiresIn,
    signableHeaders: new Set(signedHeaders),
    unsignableHeaders: new Set(signedHeaders.includes("x-amz-content-sha256") ? [] : ["x-amz-content-sha256"]),
    unhoistableHeaders: new Set([...signedHeaders, "x-amz-content-sha256"]),
  });
  const expected = String(presigned.query?.["X-Amz-Signature"] ?? "");
  if (!safeEqual(expected, signature)) throw errors.signatureDoesNotMatch(scope.accessKeyId);
  if (now.getTime() > date.getTime() + expiresIn * 1000) throw errors.accessDenied("Request has expired");
  if (date.getTime() - now.getTime() > maxSkewMs) throw errors.accessDenied("Request is not valid yet");
  return { accessKeyId: scope.accessKeyId, account, scopeRegion: scope.region, presigned: true, payloadHash: "UNSIGNED-PAYLOAD" };
}

function withoutKeys(query: IncomingRequest["query"], drop: string[]): HttpRequest["query"] {
  const copy: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query)) if (!drop.includes(key)) copy[key] = value;
  return copy;
}

/**
 * Authenticates a request. Returns null for an anonymous request (no
 * Authorization header and no X-Amz-Algorithm parameter); throws an S3Error
 * for every authentication failure. `now` judges signature dates (clients sign with real time);
 * `credentialsNow` (default: `now`) judges session-token expiry.
 */
export async function authenticate(
  req: IncomingRequest,
  accounts: ReadonlyMap<string, S3Account>,
  options: { now?: Date; credentialsNow?: Date; maxSkewMs?: number } = {},
): Promise<Authenticated | null> {
  const now = options.now ?? new Date();
  const clocks: Clocks = { now, credentialsNow: options.credentialsNow ?? now, maxSkewMs: options.maxSkewMs ?? 15 * 60 * 1000 };
  if (req.headers.authorization !== undefined) return verifyHeaderAuth(req, accounts, clocks);
  if (req.query["X-Amz-Algorithm"] !== undefined) return verifyPresigned(req, accounts, clocks);
  return null;
}
