"use server";

// Inventory actions: sync, and session-token rotation from a row or a bulk selection. The
// preamble (session, role, parsing, revalidation) is defineAction's; these only name the domain.
import { defineAction } from "@/lib/actions/define-action";
import { etagArg, formArg, remoteIdArg } from "@/lib/actions/args";
import { ok } from "@/lib/actions/result";
import { flowServiceFailure } from "@/lib/connections/errors";
import { rotateSessionToken } from "@/lib/connections/rotate-token";
import { rotateWithSts } from "@/lib/connections/rotate-with-sts";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { rotateTokenSchema } from "@/lib/connections/schemas";
import { syncSandbox } from "@/lib/connections/sync";
import { dataflowHealthAfterRotation } from "@/lib/dataflows/after-rotation";
import { rotationSourceSchema } from "@/lib/sts/rotation-source";

export const syncNowAction = defineAction({
  name: "syncNowAction",
  permission: "connections:sync",
  args: [],
  async run({ sandbox, actor }) {
    try {
      return ok(await syncSandbox(sandbox, actor));
    } catch (error) {
      return flowServiceFailure(error, "Syncing with Flow Service");
    }
  },
  revalidate: () => ["/connections"],
});

export const rotateTokenAction = defineAction({
  name: "rotateTokenAction",
  permission: "connections:rotate",
  args: [remoteIdArg, formArg(rotateTokenSchema), etagArg],
  run: ({ sandbox, actor }, remoteId, input, expectedEtag) => rotateSessionToken(sandbox, remoteId, input, actor, { expectedEtag }),
  revalidate: () => ["/connections"],
});

export const rotateWithStsAction = defineAction({
  name: "rotateWithStsAction",
  permission: "connections:rotate",
  args: [remoteIdArg, etagArg],
  run: ({ sandbox, actor }, remoteId, expectedEtag) => rotateWithSts(sandbox, remoteId, actor, { expectedEtag }),
  revalidate: () => ["/connections"],
});

/** After a rotation (row or page): did the connection's failing dataflows run again, and how. Read-only. */
export const dataflowsAfterRotationAction = defineAction({
  name: "dataflowsAfterRotationAction",
  permission: "connections:read",
  args: [remoteIdArg],
  run: ({ sandbox }, remoteId) => dataflowHealthAfterRotation(sandbox, remoteId),
});

/** Sets (or, with null, clears) the IAM role the console assumes to mint this connection's credentials. */
export const setRotationSourceAction = defineAction({
  name: "setRotationSourceAction",
  permission: "connections:edit",
  args: [remoteIdArg, formArg(rotationSourceSchema.nullable())],
  run: ({ sandbox, actor }, remoteId, source) => setRotationSource(sandbox, remoteId, source, actor),
  revalidate: (_data, remoteId) => [`/connections/${remoteId}`],
});
