// Mapping between Flow Service's view of a connection and the stored inventory row. Secrets are
// not in RemoteConnection (the client strips them), and nothing here adds one.
import type { RemoteConnection } from "@/lib/flow-service/types";
import type { Platform } from "./schemas";

export const IAM_SPEC_NAME = "IAMRole Based";

export function platformOf(remote: Pick<RemoteConnection, "auth">): Platform {
  return remote.auth.specName === IAM_SPEC_NAME ? "aws" : "azure";
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/** The columns that mirror Flow Service (used by create and by sync). */
export function remoteColumns(remote: RemoteConnection) {
  return {
    name: remote.name,
    description: remote.description ?? null,
    platform: platformOf(remote),
    authSpecName: remote.auth.specName,
    bucketName: text(remote.auth.params.bucketName),
    folderPath: text(remote.auth.params.folderPath),
    serviceUrl: text(remote.auth.params.serviceUrl),
    remoteState: remote.state,
    remoteEtag: remote.etag,
    remoteCreatedAt: remote.createdAt ? new Date(remote.createdAt) : null,
    remoteUpdatedAt: remote.updatedAt ? new Date(remote.updatedAt) : null,
  };
}
