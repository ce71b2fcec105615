/**
 * checkBucketAccess: proves that a set of credentials can list (and read)
 * the folder a connection will ingest from, before anything is sent to Flow
 * Service, and explains precisely what to fix when it cannot. Server-side
 * only (it handles secrets and uses the AWS SDK).
 *
 * Steps:
 *  1. HeadBucket: does the bucket exist, and in which region? HEAD errors have
 *     no body, so a 403 is ambiguous (bad key? bad secret? no permission?) and
 *     is also normal for a folder-scoped policy. It is therefore not reported
 *     directly; step 2 gives the precise reason.
 *  2. ListObjectsV2 on the folder prefix, Delimiter "/": the permission Flow
 *     Service needs to browse; its XML errors name the exact problem.
 *  3. HeadObject on one listed file: checks s3:GetObject, needed to ingest.
 * A wrong region is followed once when the user did not fix one (no region
 * and no regional service URL), and reported with the right endpoint otherwise.
 */
import { HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { validateBucketName } from "./bucket-name";
import {
  DEFAULT_TIMEOUT_MS,
  attempt,
  createS3Client,
  displayEndpoint,
  resolveTarget,
  type ResolvedTarget,
} from "./client";
import { describeFailure, endpointFromRedirect, type FailureContext } from "./failures";
import { normalizeFolderPath } from "./folder-path";
import { assertServerSide } from "./server-guard";
import type { S3ErrorInfo } from "./sdk-errors";
import type { CheckBucketInput, CheckBucketOptions, CheckBucketResult, S3Failure, S3OperationName } from "./types";

type Prepared = { ok: true; target: ResolvedTarget; prefix: string } | { ok: false; failure: S3Failure };

function invalid(message: string, fix = "Correct the value and run the check again."): Prepared {
  return { ok: false, failure: { code: "InvalidInput", operation: "Validate", message, fix } };
}

/** Validates everything that can be checked without a network call. */
function prepare(input: CheckBucketInput): Prepared {
  const name = validateBucketName(input.bucket);
  if (!name.ok) return invalid(name.problems.map((p) => p.message).join(" "));
  const folder = normalizeFolderPath(input.folderPath ?? "");
  if (!folder.ok) return invalid(folder.problems.map((p) => p.message).join(" "));
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  if (!accessKeyId) return invalid("Enter the access key ID.");
  if (/[\s/]/.test(accessKeyId)) return invalid("The access key ID contains spaces or slashes; copy the key ID alone, without them.");
  if (!secretAccessKey) return invalid("Enter the secret access key.");
  if (secretAccessKey !== secretAccessKey.trim()) {
    return invalid("The secret access key starts or ends with a space; copy it again without the spaces.");
  }
  if (sessionToken !== undefined && sessionToken !== sessionToken.trim()) {
    return invalid("The session token starts or ends with a space; copy it again without the spaces.");
  }
  const target = resolveTarget(input);
  if (!target.ok) return invalid(target.message);
  return { ok: true, target: target.target, prefix: folder.prefix };
}

function isRegionProblem(info: S3ErrorInfo, region: string): boolean {
  if (info.kind !== "service") return false;
  if (info.code === "PermanentRedirect" || info.status === 301) return true;
  if (info.code === "AuthorizationHeaderMalformed") return info.region !== undefined;
  // A bodiless 400 naming another region is AuthorizationHeaderMalformed in disguise.
  return info.status === 400 && info.region !== undefined && info.region !== region;
}

/** Gives bodiless region errors the code S3 would have put in the body. */
function asRegionError(info: S3ErrorInfo): S3ErrorInfo {
  if (info.kind !== "service" || !info.bodiless) return info;
  return { ...info, code: info.status === 301 ? "PermanentRedirect" : "AuthorizationHeaderMalformed" };
}

export async function checkBucketAccess(input: CheckBucketInput, opts: CheckBucketOptions = {}): Promise<CheckBucketResult> {
  assertServerSide("checkBucketAccess");
  const prepared = prepare(input);
  if (!prepared.ok) return prepared;
  const { target, prefix } = prepared;
  const { bucket, credentials } = input;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sampleSize = Math.min(Math.max(Math.trunc(opts.sampleSize ?? 10), 1), 100);
  const secrets = [credentials.secretAccessKey, credentials.sessionToken];
  const notes: string[] = [];

  let region = target.region;
  let client: S3Client = createS3Client(target, region, credentials, opts);
  const switchRegion = (next: string) => {
    client.destroy();
    region = next;
    client = createS3Client(target, region, credentials, opts);
  };
  const run = <T>(fn: (signal: AbortSignal) => Promise<T>) => attempt(fn, timeoutMs, opts.signal);
  const context = (operation: S3OperationName, extra: Partial<FailureContext> = {}): FailureContext => ({
    operation,
    bucket,
    prefix,
    endpoint: displayEndpoint(target, region),
    region,
    aws: target.aws,
    accessKeyId: credentials.accessKeyId,
    hasSessionToken: Boolean(credentials.sessionToken),
    timeoutMs,
    ...(opts.endpointSetting ? { endpointSetting: opts.endpointSetting } : {}),
    ...extra,
  });
  const fail = (info: S3ErrorInfo, operation: S3OperationName, extra?: Partial<FailureContext>): CheckBucketResult => ({
    ok: false,
    failure: describeFailure(info, context(operation, extra), secrets),
  });

  /** Wrong-region failure; on custom endpoints a GET reveals the Endpoint element a HEAD cannot carry. */
  const regionFailure = async (info: S3ErrorInfo, operation: S3OperationName): Promise<CheckBucketResult> => {
    let endpoint = info.kind === "service" ? info.endpoint : undefined;
    if (!endpoint && !target.aws && info.kind === "service" && info.status === 301) {
      const probe = await run((signal) => client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1 }), { abortSignal: signal }));
      if (!probe.ok && probe.info.kind === "service") endpoint = probe.info.endpoint;
    }
    const redirectEndpoint = endpointFromRedirect(endpoint, displayEndpoint(target, region));
    return fail(asRegionError(info), operation, redirectEndpoint ? { redirectEndpoint } : {});
  };

  try {
    // 1. HeadBucket, following a wrong region at most once when the user fixed none.
    let headDenied = false;
    let first: { info: S3ErrorInfo; region: string } | undefined;
    for (;;) {
      const head = await run((signal) => client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal }));
      if (head.ok) break;
      const info = head.info;
      if (info.kind !== "service" || info.status === 404) return fail(info, "HeadBucket");
      if (isRegionProblem(info, region)) {
        if (!first && info.region && info.region !== region && !target.regionPinned) {
          // Sign for the bucket's region: on AWS that also picks its endpoint; an
          // S3-compatible endpoint may serve several regions.
          first = { info, region };
          switchRegion(info.region);
          continue;
        }
        // Report the original mismatch, which is what the user can act on.
        if (first) switchRegion(first.region);
        return regionFailure(first?.info ?? info, "HeadBucket");
      }
      // 403 or another 400: ambiguous without a body. ListObjectsV2 will say why.
      headDenied = true;
      break;
    }
    if (first) notes.push(`The bucket is in ${region}; the check used ${displayEndpoint(target, region)}.`);

    // 2. ListObjectsV2 on the folder.
    const list = await run((signal) =>
      client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, Delimiter: "/", MaxKeys: sampleSize + 1 }),
        { abortSignal: signal },
      ),
    );
    if (!list.ok) {
      return isRegionProblem(list.info, region) ? regionFailure(list.info, "ListObjectsV2") : fail(list.info, "ListObjectsV2");
    }
    const folders = (list.value.CommonPrefixes ?? []).map((p) => p.Prefix ?? "").filter(Boolean);
    const files = (list.value.Contents ?? []).map((o) => o.Key ?? "").filter((key) => key !== "" && key !== prefix);
    const sample = [...folders, ...files].slice(0, sampleSize);
    if (headDenied) {
      notes.push("HeadBucket was denied, which is expected when the policy only allows listing inside the folder; listing the folder worked.");
    }
    if (sample.length === 0) {
      notes.push(
        prefix === ""
          ? "The bucket is empty."
          : `Folder \`${prefix}\` is empty or does not exist yet (S3 folders exist only through the objects in them).`,
      );
    }

    // 3. Read access on one file (s3:GetObject).
    const firstFile = files.find((key) => !key.endsWith("/"));
    if (opts.verifyRead !== false) {
      if (!firstFile) {
        notes.push("There is no file in the folder yet, so read access (s3:GetObject) could not be confirmed.");
      } else {
        const read = await run((signal) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: firstFile }), { abortSignal: signal }));
        if (!read.ok) {
          const info = read.info;
          if (info.kind !== "service") return fail(info, "HeadObject", { key: firstFile });
          // Credentials are proven by now, so a bodiless 403 can only be a missing permission.
          if (info.status === 403) return fail({ ...info, code: "AccessDenied" }, "HeadObject", { key: firstFile });
          notes.push(`Could not read \`${firstFile}\` to confirm read access (S3 answered ${info.code}).`);
        }
      }
    }

    return { ok: true, region, endpoint: displayEndpoint(target, region), sample, notes };
  } finally {
    client.destroy();
  }
}
