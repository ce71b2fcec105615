/**
 * STS's Query-API XML: success envelopes and the ErrorResponse document.
 * The shapes follow the STS API reference, so the real SDK parses them.
 */

export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

// One escaping rule for every XML the simulators write.
import { escapeXml } from "../s3/xml";

export { escapeXml };

/** `<Name>value</Name>`, escaped. */
export function el(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>` */
export function successXml(action: string, result: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_XMLNS}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata>${el("RequestId", requestId)}</ResponseMetadata>` +
    `</${action}Response>`
  );
}

/** An STS error: Type is Sender for the caller's mistakes, Receiver for the service's. */
export class StsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
  ) {
    super(message);
    this.name = code;
  }

  toXml(requestId: string): string {
    return (
      `<ErrorResponse xmlns="${STS_XMLNS}">` +
      `<Error>${el("Type", this.type)}${el("Code", this.code)}${el("Message", this.message)}</Error>` +
      `${el("RequestId", requestId)}</ErrorResponse>`
    );
  }
}

/** Constructors for the errors the simulator produces, worded like STS. */
export const stsErrors = {
  missingAuthenticationToken: () => new StsError("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
  incompleteSignature: (detail: string) => new StsError("IncompleteSignature", 400, detail),
  invalidClientTokenId: () => new StsError("InvalidClientTokenId", 403, "The security token included in the request is invalid."),
  expiredToken: () => new StsError("ExpiredToken", 400, "The security token included in the request is expired"),
  signatureDoesNotMatch: (detail?: string) =>
    new StsError(
      "SignatureDoesNotMatch",
      403,
      detail ??
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    ),
  accessDenied: (callerArn: string, roleArn: string) =>
    new StsError("AccessDenied", 403, `User: ${callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`),
  validation: (message: string) => new StsError("ValidationError", 400, message),
  invalidAction: (action: string, version: string) =>
    new StsError("InvalidAction", 400, `Could not find operation ${action} for version ${version}`),
  missingAction: () => new StsError("MissingAction", 400, "Missing Action"),
  internal: () => new StsError("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure."),
};
