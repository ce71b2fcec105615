// What deleting a connection stops: the enabled flows reading through it. Shown in the danger
// zone before the admin confirms. Only listings are read (no runs), so a slow or failing runs
// endpoint never hides the warning.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { withDeadline } from "@/lib/net/deadline";
import { loadFailure } from "./problems";
import { resolveDataflows } from "./resolve";

/** Names listed in the warning (the count is always complete). */
export const MAX_NAMED = 20;

export type DeleteImpact = {
  /** Enabled flows that will stop. */
  stopping: number;
  names: string[];
  /** All flows reading through the connection, disabled ones included. */
  total: number;
  /** Source connections of other sandboxes pointing at it (not counted above). */
  elsewhere: number;
};

export async function dataflowsStoppedByDelete(sandboxName: string, remoteId: string): Promise<ActionResult<DeleteImpact>> {
  const stored = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } }, select: { id: true } });
  if (!stored) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  try {
    const resolved = await withDeadline(8_000, (signal) => resolveDataflows(flowService(), [remoteId], { sandbox: sandboxName, signal }));
    const flows = resolved.flowsByBase.get(remoteId) ?? [];
    const enabled = flows.filter((f) => f.state.toLowerCase() === "enabled").map((f) => f.name || f.id).sort((a, b) => a.localeCompare(b));
    return ok({ stopping: enabled.length, names: enabled.slice(0, MAX_NAMED), total: flows.length, elsewhere: resolved.skipped.filter((s) => s.reason === "other-sandbox").length });
  } catch (error) {
    const problem = loadFailure(error);
    return fail("dataflows_unavailable", `Which dataflows use this connection could not be checked: ${problem.message}.`, problem.requestId ? { requestId: problem.requestId } : {});
  }
}
