// The wizard's live bucket check: the user's own keys, against S3 (or the configured S3-compatible
// endpoint). Which failures block the wizard is decided here: a credential or permission problem
// would make the connection useless, but "unreachable from the console" says little about
// whether AEP can reach the bucket, so the user may continue past it.
import "server-only";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { outboundPolicyFromEnv } from "@/lib/net/allowlist";
import { checkBucketAccess, classifyServiceUrl, type S3FailureCode } from "@/lib/s3";
import type { BucketCheckInput } from "./schemas";

const NON_BLOCKING: ReadonlySet<S3FailureCode> = new Set(["EndpointUnreachable", "Timeout", "Unknown", "RequestTimeTooSkewed", "Aborted"]);

export type BucketCheckOutcome =
  | { passed: true; result: { region: string; endpoint: string; sample: string[]; notes: string[] } }
  /** `field`: the form field to show the failure on (a service URL the egress guard refused). */
  | { passed: false; failure: { operation: string; message: string; fix: string; blocking: boolean; field?: "serviceUrl" } };

export async function checkWizardBucket(input: {
  bucketName: string;
  folderPath: string;
  s3AccessKey: string;
  s3SecretKey: string;
  s3SessionToken: string;
  serviceUrl: string;
}): Promise<BucketCheckOutcome> {
  const env = serverEnv();
  const where = target(input.serviceUrl, env.S3_ENDPOINT);
  const fromSetting = where.endpoint !== undefined && where.endpoint === env.S3_ENDPOINT && where.endpoint !== input.serviceUrl;
  const result = await checkBucketAccess(
    {
      bucket: input.bucketName,
      folderPath: input.folderPath,
      credentials: { accessKeyId: input.s3AccessKey, secretAccessKey: input.s3SecretKey, ...(input.s3SessionToken ? { sessionToken: input.s3SessionToken } : {}) },
      ...where,
    },
    { timeoutMs: env.S3_CHECK_TIMEOUT_MS, outbound: outboundPolicyFromEnv({ OUTBOUND_ALLOW: env.OUTBOUND_ALLOW }), ...(fromSetting ? { endpointSetting: "S3_ENDPOINT" } : {}) },
  );
  if (result.ok) return { passed: true, result: { region: result.region, endpoint: result.endpoint, sample: result.sample, notes: result.notes } };
  const { failure } = result;
  const outcome = { operation: failure.operation, message: failure.message, fix: failure.fix };
  if (failure.code === "AddressNotAllowed") {
    // Worth an operator's attention in the logs: someone aimed the console inside (or S3_ENDPOINT is off).
    log.warn({ event: "outbound_refused", source: fromSetting ? "S3_ENDPOINT" : "serviceUrl", reason: failure.message }, "egress guard refused the bucket check's endpoint");
    // The operator's own service URL: blocking, and shown on the field. An administrator's
    // S3_ENDPOINT: the operator cannot fix it, so, like an unreachable endpoint, not blocking.
    return { passed: false, failure: fromSetting ? { ...outcome, blocking: false } : { ...outcome, blocking: true, field: "serviceUrl" } };
  }
  return { passed: false, failure: { ...outcome, blocking: !NON_BLOCKING.has(failure.code) } };
}

/**
 * Where the check sends its requests. With S3_ENDPOINT set (the local stack, or an S3-compatible
 * store in front of everything), all traffic goes there, and an AWS regional service URL only
 * selects the region to sign for, exactly as AWS would see it. That keeps the wrong-region
 * diagnosis testable offline.
 */
function target(serviceUrl: string, override: string | undefined): { endpoint?: string; region?: string } {
  if (!override) return serviceUrl ? { endpoint: serviceUrl } : {};
  const classified = classifyServiceUrl(serviceUrl);
  if (classified.ok && classified.kind === "aws") return { endpoint: override, region: classified.region };
  return { endpoint: serviceUrl || override };
}

export type { BucketCheckInput };
