// What changed in Flow Service since the console last stored a connection: shown to the user when
// a write meets a stale etag (412), so they can decide before retrying against the fresh etag.
import type { ConflictInfo } from "@/lib/actions/result";
import type { RemoteConnection } from "@/lib/flow-service/types";
import { remoteColumns } from "./remote-record";

const SHOWN = { name: "Name", description: "Description", remoteState: "State", bucketName: "Bucket", folderPath: "Folder", serviceUrl: "Service URL", authSpecName: "Auth" } as const;

export function describeConflict(stored: Record<keyof typeof SHOWN, string | null>, remote: RemoteConnection): ConflictInfo {
  const columns = remoteColumns(remote);
  const changes: ConflictInfo["changes"] = (Object.keys(SHOWN) as (keyof typeof SHOWN)[])
    .filter((key) => (columns[key] ?? null) !== (stored[key] ?? null))
    .map((key) => ({ field: SHOWN[key], stored: stored[key] ?? null, remote: columns[key] ?? null }));
  if (changes.length === 0) changes.push({ field: "Credentials or settings not visible to the console", stored: null, remote: "changed" });
  return {
    currentEtag: remote.etag,
    changes,
    updatedAt: remote.updatedAt ? new Date(remote.updatedAt).toISOString() : undefined,
    updatedBy: remote.updatedBy,
  };
}
