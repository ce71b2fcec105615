/** XML helpers and the S3 error type of the test server. */

export const S3_XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `<Name>value</Name>`, escaped; nothing when the value is undefined. */
export function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? "" : `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function xmlDocument(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

/**
 * An S3 error response: code, HTTP status, message and the extra elements S3
 * adds for that code (Region, Endpoint, BucketName…). Extra headers let
 * PermanentRedirect and HEAD responses carry x-amz-bucket-region, the only
 * clue a bodiless HEAD error can give.
 */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }

  toXml(requestId: string): string {
    const extra = Object.entries(this.fields)
      .map(([k, v]) => el(k, v))
      .join("");
    return xmlDocument(
      `<Error>${el("Code", this.code)}${el("Message", this.message)}${extra}${el("RequestId", requestId)}${el("HostId", "s3-test-server")}</Error>`,
    );
  }
}

/** Constructors for the errors the server produces, with S3's wording. */
export const errors = {
  accessDenied: (message = "Access Denied") => new S3Error("AccessDenied", 403, message),
  invalidAccessKeyId: (accessKeyId: string) =>
    new S3Error("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.", {
      AWSAccessKeyId: accessKeyId,
    }),
  signatureDoesNotMatch: (accessKeyId: string) =>
    new S3Error(
      "SignatureDoesNotMatch",
      403,
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      { AWSAccessKeyId: accessKeyId },
    ),
  /** As S3 sends it: 400, this message, and the expired token echoed back in Token-0. */
  expiredToken: (token?: string) => new S3Error("ExpiredToken", 400, "The provided token has expired.", token === undefined ? {} : { "Token-0": token }),
  invalidToken: () => new S3Error("InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
  noSuchBucket: (bucket: string) =>
    new S3Error("NoSuchBucket", 404, "The specified bucket does not exist", { BucketName: bucket }),
  noSuchKey: (key: string) => new S3Error("NoSuchKey", 404, "The specified key does not exist.", { Key: key }),
  permanentRedirect: (bucket: string, region: string, endpointHost: string) =>
    new S3Error(
      "PermanentRedirect",
      301,
      "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
      { Bucket: bucket, Endpoint: endpointHost },
      { "x-amz-bucket-region": region },
    ),
  wrongRegionScope: (signedRegion: string, bucketRegion: string) =>
    new S3Error(
      "AuthorizationHeaderMalformed",
      400,
      `The authorization header is malformed; the region '${signedRegion}' is wrong; expecting '${bucketRegion}'`,
      { Region: bucketRegion },
      { "x-amz-bucket-region": bucketRegion },
    ),
  authorizationHeaderMalformed: (detail: string) =>
    new S3Error("AuthorizationHeaderMalformed", 400, `The authorization header is malformed; ${detail}`),
  requestTimeTooSkewed: () =>
    new S3Error("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."),
  invalidRequest: (message: string) => new S3Error("InvalidRequest", 400, message),
  notImplemented: (what: string) =>
    new S3Error("NotImplemented", 501, `A header or query you provided implies functionality that is not implemented (${what}).`),
  methodNotAllowed: (method: string) =>
    new S3Error("MethodNotAllowed", 405, `The specified method (${method}) is not allowed against this resource.`),
  invalidArgument: (message: string) => new S3Error("InvalidArgument", 400, message),
  invalidRange: () => new S3Error("InvalidRange", 416, "The requested range is not satisfiable"),
  contentSha256Mismatch: () =>
    new S3Error("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed."),
  badDigest: () => new S3Error("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
  entityTooLarge: () => new S3Error("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size."),
  missingSecurityHeader: (header: string) =>
    new S3Error("InvalidRequest", 400, `Missing required header for this request: ${header}`),
};
