/**
 * The S3 test server's signature check against the examples AWS publishes in
 * "Signature Calculations for the Authorization Header" and "Authenticating
 * Requests: Using Query Parameters". These are independent of the signer we
 * delegate to, so they prove the server verifies real SigV4, not itself.
 */
import { describe, expect, it } from "vitest";
import { authenticate, type IncomingRequest } from "@/simulators/s3/sigv4";
import type { S3Account } from "@/simulators/s3/types";

const ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const HOST = "examplebucket.s3.amazonaws.com";
const NOW = new Date("2013-05-24T00:00:30Z");
const SCOPE = `${ACCESS_KEY}/20130524/us-east-1/s3/aws4_request`;

const accounts = (secret = SECRET, extra: Partial<S3Account> = {}) =>
  new Map<string, S3Account>([[ACCESS_KEY, { secretAccessKey: secret, allow: [], ...extra }]]);

const getObject = (overrides: Partial<IncomingRequest["headers"]> = {}): IncomingRequest => ({
  method: "GET",
  hostname: HOST,
  rawPath: "/test.txt",
  query: {},
  headers: {
    host: HOST,
    range: "bytes=0-9",
    "x-amz-content-sha256": EMPTY_SHA256,
    "x-amz-date": "20130524T000000Z",
    authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
    ...overrides,
  },
});

const listObjects: IncomingRequest = {
  method: "GET",
  hostname: HOST,
  rawPath: "/",
  query: { "max-keys": "2", prefix: "J" },
  headers: {
    host: HOST,
    "x-amz-content-sha256": EMPTY_SHA256,
    "x-amz-date": "20130524T000000Z",
    authorization: `AWS4-HMAC-SHA256 Credential=${SCOPE},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7`,
  },
};

const presigned = (signature = "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"): IncomingRequest => ({
  method: "GET",
  hostname: HOST,
  rawPath: "/test.txt",
  query: {
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": SCOPE,
    "X-Amz-Date": "20130524T000000Z",
    "X-Amz-Expires": "86400",
    "X-Amz-SignedHeaders": "host",
    "X-Amz-Signature": signature,
  },
  headers: { host: HOST },
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("SigV4 verification against AWS's published examples", () => {
  it("accepts the GET Object example", async () => {
    const auth = await authenticate(getObject(), accounts(), { now: NOW });
    expect(auth).toMatchObject({ accessKeyId: ACCESS_KEY, scopeRegion: "us-east-1", presigned: false, payloadHash: EMPTY_SHA256 });
  });

  it("accepts the ListObjects example (query parameters are canonicalized)", async () => {
    expect(await codeOf(authenticate(listObjects, accounts(), { now: NOW }))).toBe("ok");
  });

  it("accepts the presigned URL example", async () => {
    const auth = await authenticate(presigned(), accounts(), { now: NOW });
    expect(auth?.presigned).toBe(true);
  });

  it("rejects a wrong secret, a tampered header and a tampered signature", async () => {
    expect(await codeOf(authenticate(getObject(), accounts("wrong-secret"), { now: NOW }))).toBe("SignatureDoesNotMatch");
    expect(await codeOf(authenticate(getObject({ range: "bytes=0-99" }), accounts(), { now: NOW }))).toBe("SignatureDoesNotMatch");
    const tamperedList = { ...listObjects, query: { "max-keys": "2", prefix: "K" } };
    expect(await codeOf(authenticate(tamperedList, accounts(), { now: NOW }))).toBe("SignatureDoesNotMatch");
    expect(await codeOf(authenticate(presigned("0".repeat(64)), accounts(), { now: NOW }))).toBe("SignatureDoesNotMatch");
  });

  it("rejects unknown keys, stale requests and expired presigned URLs", async () => {
    expect(await codeOf(authenticate(getObject(), new Map(), { now: NOW }))).toBe("InvalidAccessKeyId");
    expect(await codeOf(authenticate(getObject(), accounts(), { now: new Date("2013-05-24T00:20:00Z") }))).toBe("RequestTimeTooSkewed");
    const late = await codeOf(authenticate(presigned(), accounts(), { now: new Date("2013-05-25T00:00:01Z") }));
    expect(late).toBe("AccessDenied");
  });

  it("requires every x-amz-* header to be signed", async () => {
    const req = getObject({ "x-amz-meta-extra": "1" });
    expect(await codeOf(authenticate(req, accounts(), { now: NOW }))).toBe("AccessDenied");
  });

  it("checks session tokens like STS credentials", async () => {
    const temp = accounts(SECRET, { sessionToken: "the-token" });
    expect(await codeOf(authenticate(getObject(), temp, { now: NOW }))).toBe("InvalidAccessKeyId");
    const wrongToken = getObject({ "x-amz-security-token": "other-token" });
    expect(await codeOf(authenticate(wrongToken, temp, { now: NOW }))).toBe("InvalidToken");
    const expired = accounts(SECRET, { sessionToken: "other-token", expiresAt: "2013-05-23T00:00:00Z" });
    expect(await codeOf(authenticate(wrongToken, expired, { now: NOW }))).toBe("ExpiredToken");
  });

  it("returns null for anonymous requests and rejects other schemes", async () => {
    expect(await authenticate({ ...listObjects, headers: { host: HOST } }, accounts(), { now: NOW })).toBeNull();
    const v2 = getObject({ authorization: `AWS ${ACCESS_KEY}:frJIUN8DYpKDtOLCwo//yllqDzg=` });
    expect(await codeOf(authenticate(v2, accounts(), { now: NOW }))).toBe("InvalidRequest");
    const badScope = getObject({ authorization: "AWS4-HMAC-SHA256 Credential=x/y,SignedHeaders=host,Signature=00" });
    expect(await codeOf(authenticate(badScope, accounts(), { now: NOW }))).toBe("AuthorizationHeaderMalformed");
  });
});
