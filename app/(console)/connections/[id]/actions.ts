"use server";

// Actions of a connection's page: test and explore (reads), edit (operators), delete (admins).
// The preamble (session, role, parsing, revalidation) is defineAction's.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { etagArg, formArg, plainArg, remoteIdArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import type { ActionResult } from "@/lib/actions/result";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { editConnection } from "@/lib/connections/edit-connection";
import { editConnectionSchema } from "@/lib/connections/edit-schema";
import { exploreConnection } from "@/lib/connections/explore-connection";
import { testConnection } from "@/lib/connections/test-connection";
import { connectionPolicySchema } from "@/lib/rotation-policy/schemas";
import { setConnectionPolicy, setPaused } from "@/lib/rotation-policy/set-policy";
import { connectionDataflows } from "@/lib/dataflows/connection-dataflows";
import { dataflowsStoppedByDelete } from "@/lib/dataflows/delete-impact";
import { connectionPath } from "@/lib/paths";

const CONFIRM_NAME = "Type the connection's exact name to confirm.";
const folderArg = plainArg(z.string().min(1).max(2048).nullable(), "This is not a folder of the connection.");
const confirmNameArg = { schema: z.string().max(300), invalid: () => ({ code: "validation", message: CONFIRM_NAME, fields: { confirmName: CONFIRM_NAME } }) };

export const testConnectionAction = defineAction({
  name: "testConnectionAction",
  permission: "connections:read",
  args: [remoteIdArg],
  run: ({ sandbox, actor }, remoteId) => testConnection(sandbox, remoteId, actor),
  // The test is in the page's history list.
  revalidate: (_data, remoteId) => [connectionPath(remoteId)],
});

/** The folder browser's query function: `path` null lists the connection's root. */
export const exploreFolderAction = defineAction({
  name: "exploreFolderAction",
  permission: "connections:read",
  args: [remoteIdArg, folderArg],
  run: ({ sandbox }, remoteId, path) => exploreConnection(sandbox, remoteId, path),
});

/** The dataflow panel's query function: flows reading through the connection, their runs. Read-only. */
export const connectionDataflowsAction = defineAction({
  name: "connectionDataflowsAction",
  permission: "connections:read",
  args: [remoteIdArg],
  run: ({ sandbox }, remoteId) => connectionDataflows(sandbox, remoteId),
});

/** The danger zone's warning: which dataflows a delete would stop. Read-only. */
export const deleteImpactAction = defineAction({
  name: "deleteImpactAction",
  permission: "connections:read",
  args: [remoteIdArg],
  run: ({ sandbox }, remoteId) => dataflowsStoppedByDelete(sandbox, remoteId),
});

export const editConnectionAction = defineAction({
  name: "editConnectionAction",
  permission: "connections:edit",
  args: [remoteIdArg, formArg(editConnectionSchema), etagArg],
  run: ({ sandbox, actor }, remoteId, input, expectedEtag) => editConnection(sandbox, remoteId, input, actor, { expectedEtag }),
  revalidate: (data, remoteId) => (data.changed ? ["/connections", connectionPath(remoteId)] : []),
});

/** On success there is no result: the user is sent to the inventory, where the row is gone. */
export const deleteConnectionAction = defineAction({
  name: "deleteConnectionAction",
  permission: "connections:delete",
  args: [remoteIdArg, confirmNameArg, etagArg],
  async run({ sandbox, actor }, remoteId, confirmName, expectedEtag): Promise<ActionResult<never>> {
    const result = await deleteConnection(sandbox, remoteId, confirmName, actor, { expectedEtag });
    if (!result.ok) return result;
    // redirect() ends the action here, so the inventory is revalidated before it.
    revalidatePath("/connections");
    redirect("/connections");
  },
});

/** A connection's own rotation policy (or back to the sandbox default with mode "inherit"). */
export const setRotationPolicyAction = defineAction({
  name: "setRotationPolicyAction",
  permission: "connections:edit",
  args: [remoteIdArg, formArg(connectionPolicySchema)],
  run: ({ sandbox, actor }, remoteId, policy) => setConnectionPolicy(sandbox, remoteId, policy, actor),
  revalidate: (_data, remoteId) => [connectionPath(remoteId), "/upcoming"],
});

export const pauseAutoRotationAction = defineAction({
  name: "pauseAutoRotationAction",
  permission: "connections:rotate",
  args: [remoteIdArg],
  run: ({ sandbox, actor }, remoteId) => setPaused(sandbox, remoteId, true, actor),
  revalidate: (_data, remoteId) => [connectionPath(remoteId), "/upcoming"],
});

/** Resumes automatic rotation; also what a person does once they have looked at "needs attention". */
export const resumeAutoRotationAction = defineAction({
  name: "resumeAutoRotationAction",
  permission: "connections:rotate",
  args: [remoteIdArg],
  run: ({ sandbox, actor }, remoteId) => setPaused(sandbox, remoteId, false, actor),
  revalidate: (_data, remoteId) => [connectionPath(remoteId), "/upcoming"],
});
