/**
 * What AEP reports when a base connection's stored credentials no longer work, for explore
 * (a problem body) and for dataflow runs (statusSummary errors). Sources:
 * - Adobe's sources error catalog: `1308-400` "The request could not be processed. Error
 *   message: {msftErrorMessage}" (the copy engine's own message, passed through);
 * - Adobe's flow-run alert and monitoring examples: a failed run carries
 *   `CONNECTOR-1001-500` "Error in copying the data from Source." in statusSummary.errors, the
 *   copy engine's code (`2200`, a user-side failure) in recordSummary.failedInfo, and the
 *   engine's text in the activity's statusSummary.extensions.errorDetail;
 * - AEP problem bodies: {type: https://ns.adobe.com/aep/errors/<CODE>, title, status, detail, report}.
 * The engine text (ErrorCode=…,'Type=…,Message=…') follows the Azure Data Factory format those
 * examples show; its exact words for S3 are our inference. S3's own code and message are exact.
 */
import { json } from "./responses";
import type { SimResponse } from "./types";

/** S3 error codes meaning "these credentials do not work", with S3's own message for each. */
const S3_CREDENTIAL_MESSAGES: Record<string, string> = {
  ExpiredToken: "The provided token has expired.",
  TokenRefreshRequired: "The provided token must be refreshed.",
  InvalidToken: "The provided token is malformed or otherwise invalid.",
  InvalidAccessKeyId: "The AWS Access Key Id you provided does not exist in our records.",
  SignatureDoesNotMatch: "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
  AccessDenied: "Access Denied",
};

export function isCredentialFailure(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(S3_CREDENTIAL_MESSAGES, code);
}

function s3Message(code: string): string {
  return S3_CREDENTIAL_MESSAGES[code] ?? "The request to Amazon S3 failed.";
}

/**
 * The copy engine's message. S3 names the access key id in InvalidAccessKeyId and
 * SignatureDoesNotMatch errors (its AWSAccessKeyId element), and so does this text: a console
 * must not show it unfiltered.
 */
export function engineErrorDetail(code: string, accessKeyId?: string): string {
  const keyPart = accessKeyId && (code === "InvalidAccessKeyId" || code === "SignatureDoesNotMatch") ? ` AWSAccessKeyId: ${accessKeyId}.` : "";
  return (
    `ErrorCode=AmazonS3OperationFailed,'Type=Microsoft.DataTransfer.Common.Shared.HybridDeliveryException,` +
    `Message=Failure happened on 'Source' side. Amazon S3 returned ${code}: ${s3Message(code)}${keyPart},` +
    `Source=Microsoft.DataTransfer.ClientLibrary,''Type=Amazon.S3.AmazonS3Exception,Message=${s3Message(code)},Source=AWSSDK.Core,'`
  );
}

export interface TenantInfo {
  sandboxName: string;
  sandboxId: string;
  imsOrgId: string;
}

/** Explore (or any call that reads the source) when the stored credentials are refused. */
export function credentialsRefused(code: string, tenant: TenantInfo, accessKeyId?: string): SimResponse {
  return json(400, {
    type: "https://ns.adobe.com/aep/errors/CONNECTOR-1308-400",
    title: "Bad Request",
    status: 400,
    detail: `The request could not be processed. Error message: ${engineErrorDetail(code, accessKeyId)}`,
    report: { tenantInfo: tenant, additionalContext: null },
  });
}

export interface RunFailure {
  /** statusSummary.errors of the run and of its copy activity. */
  errors: { code: string; message: string }[];
  /** recordSummary.failedInfo and the activity's extensions.errors: the engine's code. */
  failedInfo: { code: string; message: string }[];
  /** The activity's statusSummary.extensions.errorDetail. */
  errorDetail: string;
}

/** A run whose copy step could not read the source. */
export function copyFailure(code: string, accessKeyId?: string): RunFailure {
  return {
    errors: [{ code: "CONNECTOR-1001-500", message: "Error in copying the data from Source." }],
    failedInfo: [{ code: "2200", message: `Failure happened on 'Source' side. Amazon S3 returned ${code}: ${s3Message(code)}` }],
    errorDetail: engineErrorDetail(code, accessKeyId),
  };
}

/** A run whose base connection no longer exists (deleted while the flow was enabled). */
export function missingConnectionFailure(baseConnectionId: string): RunFailure {
  const message = `The base connection ${baseConnectionId} could not be found.`;
  return {
    errors: [{ code: "CONNECTOR-1001-500", message: "Error in copying the data from Source." }],
    failedInfo: [{ code: "2200", message }],
    errorDetail: `ErrorCode=UserErrorConnectionNotFound,'Type=Microsoft.DataTransfer.Common.Shared.HybridDeliveryException,Message=${message},Source=Microsoft.DataTransfer.ClientLibrary,'`,
  };
}
