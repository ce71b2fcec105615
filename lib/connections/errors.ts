// Turns domain and Flow Service failures into action errors a form can place and a user can act on.
import { fail, type ActionError } from "@/lib/actions/result";
import { isFlowServiceError } from "@/lib/flow-service/errors";

/** Flow Service field paths → wizard field names. */
function wizardField(path: string): string {
  const last = path.split(/[./]/).filter(Boolean).pop() ?? path;
  return ["s3AccessKey", "s3SecretKey", "s3SessionToken", "serviceUrl", "bucketName", "folderPath", "name", "description"].includes(last) ? last : "form";
}

/**
 * What S3 meant when AEP passes its refusal of the connection's stored credentials through (an
 * explore's or a test's 400 quotes S3's error code in its detail, e.g. CONNECTOR-1308-400). S3's
 * codes are AWS's stable identifiers; the wording around them is AEP's and may change, so only the
 * code is looked for.
 */
const S3_CREDENTIAL_REFUSALS: Record<string, string> = {
  ExpiredToken: "its session token has expired. Rotate the session token, then try again.",
  TokenRefreshRequired: "its session token must be renewed. Rotate the session token, then try again.",
  InvalidToken: "its session token is not valid. Rotate the session token, then try again.",
  InvalidAccessKeyId: "AWS does not know its access key id. Set new keys (and session token), then try again.",
  SignatureDoesNotMatch: "its secret access key does not match its access key id. Set the keys again, then try again.",
  AccessDenied: "they may not read this bucket or folder. Check the bucket policy or the role's permissions.",
};
const S3_CREDENTIAL_CODE = new RegExp(`\\b(${Object.keys(S3_CREDENTIAL_REFUSALS).join("|")})\\b`);

/** S3's refusal of the stored credentials, named in a Flow Service 400's detail; undefined otherwise. */
export function s3CredentialRefusal(detail: string | undefined): { code: string; message: string } | undefined {
  const code = detail?.match(S3_CREDENTIAL_CODE)?.[1];
  return code ? { code, message: `Amazon S3 refused the connection's stored credentials (${code}): ${S3_CREDENTIAL_REFUSALS[code]}` } : undefined;
}

export function flowServiceFailure(error: unknown, context: string): { ok: false; error: ActionError } {
  if (!isFlowServiceError(error)) {
    return fail("internal", `${context} failed because of an internal error. Nothing was changed; try again.`);
  }
  const requestId = error.requestId;
  switch (error.kind) {
    case "validation": {
      const refusal = s3CredentialRefusal(error.detail);
      if (refusal) return fail("validation", refusal.message, { requestId });
      const fields: Record<string, string> = {};
      for (const field of error.fields ?? []) fields[wizardField(field.field)] ??= field.message;
      return fail("validation", `Flow Service rejected the request: ${error.message}`, { fields, requestId });
    }
    case "unauthorized":
    case "forbidden":
      return fail(error.kind, "Flow Service refused the console's Adobe credentials. An administrator must check ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET, ADOBE_ORG_ID and the project's product profile.", { requestId });
    case "rate_limited": {
      const seconds = error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : undefined;
      return fail("rate_limited", `Flow Service is rate limiting requests${seconds ? `; try again in ${seconds} s` : "; try again shortly"}.`, { requestId });
    }
    case "precondition_failed":
      return fail("conflict", "The connection changed in Flow Service since you loaded it.", { requestId });
    case "not_found":
      return fail("not_found", "Flow Service no longer has this connection.", { requestId });
    case "timeout":
    case "network":
    case "unavailable":
      return fail(error.kind, `${context} could not be confirmed: Flow Service did not answer in time. ${error.outcomeUnknown ? "It may still have happened; the next sync will show it." : "Nothing was changed; try again."}`, { requestId });
    default:
      return fail(error.kind, `${context} failed: ${error.message}`, { requestId });
  }
}
