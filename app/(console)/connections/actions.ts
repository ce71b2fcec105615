"use server";

// Inventory actions: sync, and session-token rotation from a row or a bulk selection. The
// preamble (session, role, parsing, revalidation) is defineAction's; these only name the domain.
import { defineAction } from "@/lib/actions/define-action";
import { etagArg, formArg, plainArg, remoteIdArg } from "@/lib/actions/args";
import { z } from "zod";
import { fail, ok } from "@/lib/actions/result";
import { rotateSessionToken } from "@/lib/connections/rotate-token";
import { parseRotationTarget, rotationTargetSelect } from "@/lib/connections/rotation-target";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { rotateTokenSchema } from "@/lib/connections/schemas";
import { requestSync, syncStatus } from "@/lib/connections/sync-jobs";
import { startRunSchema } from "@/lib/runs/schemas";
import { startRotationRun } from "@/lib/runs/start-run";
import { rotateNow } from "@/lib/rotation/rotate-now";
import { dataflowHealthAfterRotation } from "@/lib/dataflows/after-rotation";
import { rotationSourceSchema } from "@/lib/sts/rotation-source";
import { connectionPath } from "@/lib/paths";

/** Queues a sync of the current sandbox, or joins the one already queued or running. */
export const syncNowAction = defineAction({
  name: "syncNowAction",
  permission: "connections:sync",
  args: [],
  run: async ({ sandbox, actor }) => ok(await requestSync(sandbox, actor)),
});

/** Where a sync job stands; its report once done. */
export const syncStatusAction = defineAction({
  name: "syncStatusAction",
  permission: "connections:read",
  args: [plainArg(z.uuid(), "This is not a sync of this console.")],
  async run(_context, jobId) {
    const status = await syncStatus(jobId);
    return status ? ok(status) : fail("not_found", "This sync is not known (it may be older than the queue's history).");
  },
  revalidate: (status) => (status.state === "done" ? ["/connections"] : []),
});

/**
 * Starts a server-side rotation run over the selected rows or the current filter. It revalidates
 * nothing: a revalidation would render the calling inventory page into the answer, and the dialog
 * goes on to the run's own page, which (like every page here) is dynamic and rendered afresh.
 */
export const startRunAction = defineAction({
  name: "startRunAction",
  permission: "runs:manage",
  args: [formArg(startRunSchema)],
  run: ({ sandbox, actor }, input) => startRotationRun(sandbox, input, actor),
});

// The two rotations below revalidate nothing on purpose: a revalidation makes Next render the
// whole calling page (the inventory's count, page of rows and sidebar) into the action's answer,
// and their forms call router.refresh() on success anyway, which renders it again and also clears
// the browser's router cache. One render, after the answer, instead of two before it.
export const rotateTokenAction = defineAction({
  name: "rotateTokenAction",
  permission: "connections:rotate",
  args: [remoteIdArg, formArg(rotateTokenSchema), etagArg],
  // The row is read in the session check's statement: one database round trip less before the PATCH.
  prefetch: { select: rotationTargetSelect, parse: parseRotationTarget },
  run: ({ sandbox, actor, prefetched }, remoteId, input, expectedEtag) => rotateSessionToken(sandbox, remoteId, input, actor, { expectedEtag, stored: prefetched }),
});

export const rotateWithStsAction = defineAction({
  name: "rotateWithStsAction",
  permission: "connections:rotate",
  args: [remoteIdArg, etagArg],
  run: ({ sandbox, actor }, remoteId, expectedEtag) => rotateNow(sandbox, remoteId, actor, { expectedEtag }),
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
  revalidate: (_data, remoteId) => [connectionPath(remoteId)],
});
