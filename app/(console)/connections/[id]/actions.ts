"use server";

// Actions of a connection's page: test and explore (reads), edit (operators), delete (admins).
// Thin on purpose: session and role, validation with the shared schemas, the domain, revalidation.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardAction } from "@/lib/actions/guard";
import { fail, fieldErrors, type ActionResult } from "@/lib/actions/result";
import { authorizeAction } from "@/lib/auth/session";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { editConnection, type EditedConnection } from "@/lib/connections/edit-connection";
import { editConnectionSchema } from "@/lib/connections/edit-schema";
import { exploreConnection, type FolderListing } from "@/lib/connections/explore-connection";
import { testConnection, type ConnectionTestResult } from "@/lib/connections/test-connection";
import { currentSandbox } from "@/lib/sandbox/current";

const remoteIdSchema = z.string().trim().min(1).max(200).regex(/^[\w-]+$/, "Not a connection id.");
const etagSchema = z.string().min(1).max(200).optional();
const folderSchema = z.string().min(1).max(2048).nullable();
const confirmNameSchema = z.string().max(300);

const INVALID_ID = "This request does not name a valid connection.";

function detailPath(remoteId: string): string {
  return `/connections/${encodeURIComponent(remoteId)}`;
}

export async function testConnectionAction(remoteId: unknown): Promise<ActionResult<ConnectionTestResult>> {
  return guardAction("testConnectionAction", async () => {
    const auth = await authorizeAction("connections:read");
    if (!auth.ok) return auth;
    const id = remoteIdSchema.safeParse(remoteId);
    if (!id.success) return fail("validation", INVALID_ID);
    const result = await testConnection(await currentSandbox(), id.data, { id: auth.user.id, email: auth.user.email });
    // The test is in the page's history list.
    revalidatePath(detailPath(id.data));
    return result;
  });
}

/** The folder browser's query function: `path` null lists the connection's root. */
export async function exploreFolderAction(remoteId: unknown, path: unknown): Promise<ActionResult<FolderListing>> {
  return guardAction("exploreFolderAction", async () => {
    const auth = await authorizeAction("connections:read");
    if (!auth.ok) return auth;
    const id = remoteIdSchema.safeParse(remoteId);
    const folder = folderSchema.safeParse(path);
    if (!id.success) return fail("validation", INVALID_ID);
    if (!folder.success) return fail("validation", "This is not a folder of the connection.");
    return exploreConnection(await currentSandbox(), id.data, folder.data);
  });
}

export async function editConnectionAction(remoteId: unknown, raw: unknown, expectedEtag?: unknown): Promise<ActionResult<EditedConnection>> {
  return guardAction("editConnectionAction", async () => {
    const auth = await authorizeAction("connections:edit");
    if (!auth.ok) return auth;
    const id = remoteIdSchema.safeParse(remoteId);
    const etag = etagSchema.safeParse(expectedEtag);
    const parsed = editConnectionSchema.safeParse(raw);
    if (!id.success || !etag.success) return fail("validation", INVALID_ID);
    if (!parsed.success) return fail("validation", "Some fields need attention.", { fields: fieldErrors(parsed.error.issues) });
    const result = await editConnection(await currentSandbox(), id.data, parsed.data, { id: auth.user.id, email: auth.user.email }, { expectedEtag: etag.data });
    if (result.ok && result.data.changed) {
      revalidatePath("/connections");
      revalidatePath(detailPath(id.data));
    }
    return result;
  });
}

/** On success there is no result: the user is sent to the inventory, where the row is gone. */
export async function deleteConnectionAction(remoteId: unknown, confirmName: unknown, expectedEtag?: unknown): Promise<ActionResult<never>> {
  return guardAction("deleteConnectionAction", async () => {
    const auth = await authorizeAction("connections:delete");
    if (!auth.ok) return auth;
    const id = remoteIdSchema.safeParse(remoteId);
    const etag = etagSchema.safeParse(expectedEtag);
    const typed = confirmNameSchema.safeParse(confirmName);
    if (!id.success || !etag.success) return fail("validation", INVALID_ID);
    if (!typed.success) return fail("validation", "Type the connection's exact name to confirm.", { fields: { confirmName: "Type the connection's exact name to confirm." } });
    const result = await deleteConnection(await currentSandbox(), id.data, typed.data, { id: auth.user.id, email: auth.user.email }, { expectedEtag: etag.data });
    if (!result.ok) return result;
    revalidatePath("/connections");
    redirect("/connections");
  });
}
