"use server";

// Rotation runs: progress (read, for the live pages), cancel and retry (operators and admins).
import { z } from "zod";
import { formArg, plainArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import { fail, ok } from "@/lib/actions/result";
import { cancelRun } from "@/lib/runs/cancel-run";
import { retryFailedItems } from "@/lib/runs/retry-run";
import { retryRunSchema, runIdSchema } from "@/lib/runs/schemas";
import { getRunProgress, listRuns, runItemsQuerySchema } from "@/lib/runs/view";
import { runPath } from "@/lib/paths";

const NO_RUN = "There is no such run in this sandbox.";
const runIdArg = plainArg(runIdSchema, NO_RUN, "not_found");

export const runProgressAction = defineAction({
  name: "runProgressAction",
  permission: "runs:read",
  args: [runIdArg, plainArg(runItemsQuerySchema, "Not a valid view of the run's items.")],
  async run({ sandbox }, runId, query) {
    const progress = await getRunProgress(sandbox, runId, query);
    return progress ? ok(progress) : fail("not_found", NO_RUN);
  },
});

export const listRunsAction = defineAction({
  name: "listRunsAction",
  permission: "runs:read",
  args: [plainArg(z.coerce.number().int().min(1).max(10_000), "Not a page number.")],
  run: async ({ sandbox }, page) => ok(await listRuns(sandbox, page)),
});

export const cancelRunAction = defineAction({
  name: "cancelRunAction",
  permission: "runs:manage",
  args: [runIdArg],
  run: ({ sandbox, actor }, runId) => cancelRun(sandbox, runId, actor),
  revalidate: (_data, runId) => ["/runs", runPath(runId)],
});

export const retryFailedAction = defineAction({
  name: "retryFailedAction",
  permission: "runs:manage",
  args: [runIdArg, formArg(retryRunSchema)],
  run: ({ sandbox, actor }, runId, input) => retryFailedItems(sandbox, runId, input, actor),
  revalidate: (_data, runId) => ["/runs", runPath(runId)],
});
