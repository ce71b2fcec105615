/**
 * listFolder: one ListObjectsV2 page of a folder, split into sub-folders and
 * files (server-side). The Flow Service simulator calls it to serve real
 * listings, so the signature is fixed.
 */
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { OutboundPolicy } from "@/lib/net/allowlist";
import { DEFAULT_TIMEOUT_MS, attempt, createS3Client, displayEndpoint, resolveTarget } from "./client";
import { describeFailure, endpointFromRedirect } from "./failures";
import { normalizeFolderPath } from "./folder-path";
import { assertServerSide } from "./server-guard";

export type ListFolderTarget = {
  bucket: string;
  /** Folder to list; normalized, so "a/b", "/a/b/" and "a//b" all list "a/b/". "" is the root. */
  prefix: string;
  region?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
};

export type ListFolderResult =
  | { ok: true; folders: string[]; files: { key: string; size: number }[] }
  | { ok: false; error: { code: string; message: string } };

/**
 * Lists the direct children of a folder: `folders` are full prefixes ending
 * in "/" (e.g. "exports/2026/daily/"), `files` full keys with sizes. The
 * zero-byte "folder marker" object some tools create (key equal to the
 * prefix) is not a file and is left out. At most `maxKeys` (default 1000)
 * entries; error messages include the fix. The endpoint goes through the
 * egress guard (`opts.outbound`, default this process's OUTBOUND_ALLOW).
 */
export async function listFolder(
  target: ListFolderTarget,
  opts: { maxKeys?: number; signal?: AbortSignal; outbound?: OutboundPolicy } = {},
): Promise<ListFolderResult> {
  assertServerSide("listFolder");
  const folder = normalizeFolderPath(target.prefix);
  if (!folder.ok) return { ok: false, error: { code: "InvalidInput", message: folder.problems.map((p) => p.message).join(" ") } };
  if (!target.bucket) return { ok: false, error: { code: "InvalidInput", message: "A bucket name is required." } };
  const resolved = resolveTarget(target);
  if (!resolved.ok) return { ok: false, error: { code: "InvalidInput", message: resolved.message } };

  const { prefix } = folder;
  const maxKeys = Math.min(Math.max(Math.trunc(opts.maxKeys ?? 1000), 1), 1000);
  const region = resolved.target.region;
  const client = createS3Client(resolved.target, region, target.credentials, { outbound: opts.outbound });
  try {
    const result = await attempt(
      (signal) =>
        client.send(
          // One extra key: the folder marker, if any, sorts first and is dropped below.
          new ListObjectsV2Command({ Bucket: target.bucket, Prefix: prefix || undefined, Delimiter: "/", MaxKeys: maxKeys + 1 }),
          { abortSignal: signal },
        ),
      DEFAULT_TIMEOUT_MS,
      opts.signal,
    );
    if (!result.ok) {
      const info = result.info;
      const failure = describeFailure(
        info,
        {
          operation: "ListObjectsV2",
          bucket: target.bucket,
          prefix,
          endpoint: displayEndpoint(resolved.target, region),
          region,
          aws: resolved.target.aws,
          accessKeyId: target.credentials.accessKeyId,
          hasSessionToken: Boolean(target.credentials.sessionToken),
          timeoutMs: DEFAULT_TIMEOUT_MS,
          ...(info.kind === "service" && info.endpoint
            ? { redirectEndpoint: endpointFromRedirect(info.endpoint, displayEndpoint(resolved.target, region)) }
            : {}),
        },
        [target.credentials.secretAccessKey, target.credentials.sessionToken],
      );
      return { ok: false, error: { code: failure.code, message: `${failure.message} ${failure.fix}` } };
    }
    const folders = (result.value.CommonPrefixes ?? []).map((p) => p.Prefix ?? "").filter(Boolean);
    const files = (result.value.Contents ?? [])
      .filter((o) => o.Key !== undefined && o.Key !== "" && o.Key !== prefix)
      .map((o) => ({ key: o.Key as string, size: Number(o.Size ?? 0) }));
    // S3 orders prefixes and keys together; trimming files first keeps every folder we got.
    return { ok: true, folders: folders.slice(0, maxKeys), files: files.slice(0, Math.max(0, maxKeys - folders.length)) };
  } finally {
    client.destroy();
  }
}
