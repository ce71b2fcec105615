// The folder browser: what Flow Service sees in a connection's bucket, one level at a time.
// Read-only and not audited. Browsing is limited to the connection's own bucket and folder: the
// stored credentials may reach further, and a viewer must not use the console to look there.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import type { ExploreItem } from "@/lib/flow-service/types";
import { flowServiceFailure } from "./errors";

export type FolderListing = { path: string | null; items: ExploreItem[]; requestId: string };

/** Whether an explore path ("/bucket/folder/sub/") lies inside the connection's bucket and folder. */
export function insideConnection(scope: { bucketName: string | null; folderPath: string | null }, path: string): boolean {
  const segments = path.split("/").filter((segment) => segment !== "");
  if (segments.some((segment) => segment === "." || segment === "..")) return false;
  // A connection without a bucket reaches every bucket its credentials allow, by design.
  if (!scope.bucketName) return true;
  const root = [scope.bucketName, ...(scope.folderPath ?? "").split("/")].filter((segment) => segment !== "");
  return root.every((segment, index) => segments[index] === segment);
}

export async function exploreConnection(sandboxName: string, remoteId: string, path: string | null): Promise<ActionResult<FolderListing>> {
  const row = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } }, select: { bucketName: true, folderPath: true } });
  if (!row) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  if (path !== null && !insideConnection(row, path)) return fail("validation", "That folder is outside this connection's bucket and folder.");
  try {
    const target = path === null ? { objectType: "root" as const } : { objectType: "folder" as const, object: path };
    const { items, requestId } = await flowService().explore(remoteId, target, { sandbox: sandboxName });
    // Folders first, then files, each by name: the order a person scans a listing in.
    const sorted = [...items].sort((a, b) => Number(a.type !== "folder") - Number(b.type !== "folder") || a.name.localeCompare(b.name));
    return ok({ path, items: sorted, requestId });
  } catch (error) {
    return flowServiceFailure(error, "Listing the folder");
  }
}
