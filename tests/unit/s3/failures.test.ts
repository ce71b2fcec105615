import { describe, expect, it } from "vitest";
import { describeFailure, endpointFromRedirect, redact, type FailureContext } from "@/lib/s3/failures";
import { OutboundRefusedError } from "@/lib/net/guard";
import { inspectS3Error } from "@/lib/s3/sdk-errors";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";

const awsContext: FailureContext = {
  operation: "ListObjectsV2",
  bucket: "acme-exports",
  prefix: "exports/2026/",
  endpoint: "https://s3.us-east-1.amazonaws.com",
  region: "us-east-1",
  aws: true,
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  hasSessionToken: false,
  timeoutMs: 8000,
};

/** Builds an error shaped like the SDK's service exceptions. */
function sdkError(fields: Record<string, unknown>, status: number, headers: Record<string, string> = {}): Error {
  const error = Object.assign(new Error(String(fields.message ?? "")), fields, { $metadata: { httpStatusCode: status } });
  Object.defineProperty(error, "$response", { value: { statusCode: status, headers }, enumerable: false });
  return error;
}

describe("inspectS3Error", () => {
  it("reads the XML code, region and endpoint of a service error", () => {
    const info = inspectS3Error(
      sdkError({ name: "PermanentRedirect", Code: "PermanentRedirect", Endpoint: "acme.s3.eu-west-1.amazonaws.com" }, 301, {
        "x-amz-bucket-region": "eu-west-1",
      }),
    );
    expect(info).toMatchObject({ kind: "service", code: "PermanentRedirect", bodiless: false, region: "eu-west-1", status: 301 });
  });

  it("derives a code from the status of a bodiless HEAD error", () => {
    expect(inspectS3Error(sdkError({ name: "Unknown" }, 403))).toMatchObject({ code: "Forbidden", bodiless: true });
    expect(inspectS3Error(sdkError({ name: "NotFound" }, 404))).toMatchObject({ code: "NotFound", bodiless: true });
  });

  it("recognizes network errors, also when wrapped", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    expect(inspectS3Error(refused)).toMatchObject({ kind: "network", errno: "ECONNREFUSED" });
    const wrapped = new Error("fetch failed", { cause: Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" }) });
    expect(inspectS3Error(wrapped)).toMatchObject({ kind: "network", errno: "ENOTFOUND" });
  });

  it("recognizes a refusal of the egress guard, wrapped or not, before anything else", () => {
    const refusal = new OutboundRefusedError("http://127.0.0.1:5432", "is a loopback address (this machine)");
    expect(inspectS3Error(refusal)).toEqual({ kind: "refused", message: "This address is not allowed: http://127.0.0.1:5432 is a loopback address (this machine)." });
    expect(inspectS3Error(new Error("fetch failed", { cause: refusal }))).toMatchObject({ kind: "refused" });
  });

  it("tells a timeout from a cancellation", () => {
    const timeout = AbortSignal.abort();
    expect(inspectS3Error(Object.assign(new Error("aborted"), { name: "AbortError" }), { timeout })).toEqual({ kind: "timeout" });
    const caller = AbortSignal.abort();
    expect(inspectS3Error(Object.assign(new Error("aborted"), { name: "AbortError" }), { caller })).toEqual({ kind: "aborted" });
  });
});

describe("describeFailure", () => {
  it("reports a refused endpoint as not allowed, with who can change what", () => {
    const info = inspectS3Error(new OutboundRefusedError("http://127.0.0.1:5432", "is a loopback address (this machine)"));
    const typed = describeFailure(info, { ...awsContext, operation: "HeadBucket", aws: false, endpoint: "http://127.0.0.1:5432" }, [SECRET]);
    expect(typed).toEqual({
      code: "AddressNotAllowed",
      operation: "HeadBucket",
      message: "This address is not allowed: http://127.0.0.1:5432 is a loopback address (this machine).",
      fix: expect.stringMatching(/leave the service URL empty.*OUTBOUND_ALLOW/),
    });
    const configured = describeFailure(info, { ...awsContext, endpointSetting: "S3_ENDPOINT" }, [SECRET]);
    expect(configured.fix).toMatch(/an administrator must change S3_ENDPOINT or add its origin to OUTBOUND_ALLOW/);
    expect(configured.message).not.toMatch(/no bucket|NoSuchBucket/i);
  });

  const describeCode = (code: string, status: number, ctx: Partial<FailureContext> = {}, extra: Record<string, unknown> = {}) =>
    describeFailure(inspectS3Error(sdkError({ name: code, Code: code, ...extra }, status)), { ...awsContext, ...ctx }, [SECRET, TOKEN]);

  it("names the operation, folder, permission and bucket ARN for AccessDenied", () => {
    const failure = describeCode("AccessDenied", 403);
    expect(failure).toMatchObject({ code: "AccessDenied", operation: "ListObjectsV2", httpStatus: 403 });
    expect(failure.message).toBe(
      "ListObjectsV2 on folder `exports/2026/` was denied: the policy needs `s3:ListBucket` on `arn:aws:s3:::acme-exports` (with an s3:prefix condition allowing `exports/2026/`).",
    );
  });

  it("explains HeadBucket and GetObject denials with their own permissions", () => {
    expect(describeCode("AccessDenied", 403, { operation: "HeadBucket" }).message).toMatch(/s3:ListBucket.*without a prefix condition/);
    const read = describeCode("AccessDenied", 403, { operation: "HeadObject", key: "exports/2026/a.csv" });
    expect(read.message).toMatch(/GetObject.*`s3:GetObject` on `arn:aws:s3:::acme-exports\/exports\/2026\/\*`/);
    expect(read.fix).toMatch(/kms:Decrypt/);
  });

  it("uses the partition of the region in ARNs", () => {
    expect(describeCode("AccessDenied", 403, { region: "cn-north-1" }).message).toMatch(/arn:aws-cn:s3:::acme-exports/);
  });

  it("suggests the regional AWS endpoint for a wrong region", () => {
    const failure = describeFailure(
      inspectS3Error(sdkError({ name: "PermanentRedirect", Code: "PermanentRedirect" }, 301, { "x-amz-bucket-region": "eu-west-1" })),
      awsContext,
      [],
    );
    expect(failure).toMatchObject({ code: "WrongRegion", bucketRegion: "eu-west-1", suggestedEndpoint: "https://s3.eu-west-1.amazonaws.com" });
    expect(failure.message).toMatch(/is in eu-west-1.*use https:\/\/s3\.eu-west-1\.amazonaws\.com/);
  });

  it("reads the region of AuthorizationHeaderMalformed from its Region element", () => {
    const failure = describeCode("AuthorizationHeaderMalformed", 400, {}, { Region: "ap-south-1" });
    expect(failure).toMatchObject({ code: "WrongRegion", suggestedEndpoint: "https://s3.ap-south-1.amazonaws.com" });
  });

  it("does not blame the region when AuthorizationHeaderMalformed names none", () => {
    const failure = describeCode("AuthorizationHeaderMalformed", 400, {}, { message: "the Credential is mal-formed" });
    expect(failure.code).toBe("Unknown");
    expect(failure.message).toMatch(/could not read the request's credentials/);
  });

  it.each([
    ["InvalidAccessKeyId", 403, "InvalidAccessKeyId", /not recognized/],
    ["SignatureDoesNotMatch", 403, "SignatureDoesNotMatch", /secret access key does not belong/],
    ["ExpiredToken", 400, "ExpiredToken", /has expired/],
    ["TokenRefreshRequired", 400, "ExpiredToken", /has expired/],
    ["InvalidToken", 400, "InvalidToken", /session token|expected no session token/],
    ["NoSuchBucket", 404, "NoSuchBucket", /no bucket named `acme-exports` in this AWS partition/],
    ["RequestTimeTooSkewed", 403, "RequestTimeTooSkewed", /clock/],
    ["SlowDown", 503, "Unknown", /S3 answered SlowDown \(HTTP 503\)/],
  ])("maps %s", (serviceCode, status, code, message) => {
    const failure = describeCode(serviceCode, status);
    expect(failure.code).toBe(code);
    expect(failure.message).toMatch(message);
    expect(failure.fix.length).toBeGreaterThan(10);
  });

  it("points out a temporary key without its session token", () => {
    const failure = describeCode("InvalidAccessKeyId", 403, { accessKeyId: "ASIAEXAMPLE0000000001" });
    expect(failure.message).toMatch(/temporary key, but no session token/);
  });

  it("names the endpoint when it cannot be reached", () => {
    const failure = describeFailure({ kind: "network", errno: "ENOTFOUND", detail: "" }, awsContext, []);
    expect(failure).toMatchObject({ code: "EndpointUnreachable", operation: "ListObjectsV2" });
    expect(failure.message).toMatch(/https:\/\/s3\.us-east-1\.amazonaws\.com: the host name does not exist/);
    expect(describeFailure({ kind: "timeout" }, awsContext, []).message).toMatch(/within 8000 ms/);
  });

  it("scrubs the secret and the session token from every string", () => {
    const failure = describeCode("WeirdError", 500, {}, { message: `echo ${SECRET} and ${TOKEN}` });
    const text = JSON.stringify(failure);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).toContain("[redacted]");
    expect(redact("abc", ["ab"])).toBe("abc");
  });
});

describe("endpointFromRedirect", () => {
  it("turns S3's Endpoint element into a service URL", () => {
    expect(endpointFromRedirect("acme.s3.eu-west-1.amazonaws.com", "https://s3.amazonaws.com")).toBe("https://s3.eu-west-1.amazonaws.com");
    expect(endpointFromRedirect("127.0.0.1:4570", "http://127.0.0.1:4569")).toBe("http://127.0.0.1:4570");
    expect(endpointFromRedirect(undefined, "x")).toBeUndefined();
  });
});
