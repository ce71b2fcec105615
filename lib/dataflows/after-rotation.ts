// Did the rotation bring ingestion back? For each enabled flow reading through the connection:
// was its last run before the rotation failing, and how did its first run after the rotation end
// (or when will it run). Any rotation path calls this with a connection: the single rotation in
// the UI (row and page), and the bulk and automatic rotations being rebuilt elsewhere.
//
// "After the rotation" is judged in Flow Service's time: by default the connection's updatedAt as
// Flow Service reports it (the rotation's PATCH set it), compared with runs' createdAt. The
// console's own clock never enters the comparison, so a skewed clock cannot misfile a run.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { mapBounded } from "@/lib/connections/bounded";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { RunError } from "@/lib/flow-service";
import { flowService } from "@/lib/flow-service/server";
import { withDeadline } from "@/lib/net/deadline";
import { aepDataflowUrl, nextRunAt, primaryRunError, runStatus, type RunStatus } from "./describe";
import { loadFailure, withRequestId } from "./problems";
import { resolveDataflows } from "./resolve";
import { firstFinishedAfter, lastFinishedBefore } from "./run-queries";

export const MAX_CHECKED_FLOWS = 25;

export type FlowAfterRotation = {
  id: string;
  name: string;
  url: string | null;
  /** Whether the last run before the rotation failed (null: no run before, or unknown). */
  failingBefore: boolean | null;
  /** The first finished run after the rotation, once there is one. */
  after: { status: RunStatus; at: number; runId: string; url: string | null; error: RunError | null } | null;
  /** When the next run is scheduled, while none has finished since the rotation. */
  nextRunAt: number | null;
  /** False when this flow's runs could not be read. */
  checked: boolean;
};

export type RotationVerdict =
  /** No enabled flow reads through the connection. */
  | "no-dataflows"
  /** A run after the rotation failed: the new credentials do not work (or something else broke). */
  | "failing"
  /** Flows that were failing have not run since the rotation yet. */
  | "waiting"
  /** Every flow that was failing succeeded after the rotation. */
  | "recovered"
  /** Nothing was failing before, and nothing failed since. */
  | "healthy"
  /** Runs could not be read. */
  | "unknown";

export type DataflowHealthAfterRotation = { since: number; verdict: RotationVerdict; flows: FlowAfterRotation[]; problems: string[] };

function verdictOf(flows: FlowAfterRotation[]): RotationVerdict {
  if (flows.length === 0) return "no-dataflows";
  if (flows.some((f) => f.after?.status === "failed")) return "failing";
  if (flows.every((f) => !f.checked)) return "unknown";
  const wereFailing = flows.filter((f) => f.failingBefore);
  if (wereFailing.some((f) => !f.after)) return "waiting";
  return wereFailing.length > 0 ? "recovered" : "healthy";
}

/** Which time in Flow Service's clock the rotation happened at. */
async function rotationTime(sandboxName: string, remoteId: string, signal: AbortSignal): Promise<number | undefined> {
  const live = await flowService().getConnection(remoteId, { sandbox: sandboxName, signal }).catch(() => undefined);
  if (live?.connection.updatedAt !== undefined) return live.connection.updatedAt;
  const stored = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } }, select: { lastRotatedAt: true } });
  return stored?.lastRotatedAt?.getTime();
}

export async function dataflowHealthAfterRotation(
  sandboxName: string,
  remoteId: string,
  options: { since?: number; signal?: AbortSignal } = {},
): Promise<ActionResult<DataflowHealthAfterRotation>> {
  const stored = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } }, select: { id: true } });
  if (!stored) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  if (options.signal) return checkAfterRotation(sandboxName, remoteId, options.since, options.signal);
  return withDeadline(8_000, (signal) => checkAfterRotation(sandboxName, remoteId, options.since, signal));
}

/** The check of a connection in the inventory, its calls under `signal`. */
async function checkAfterRotation(sandboxName: string, remoteId: string, knownSince: number | undefined, signal: AbortSignal): Promise<ActionResult<DataflowHealthAfterRotation>> {
  const since = knownSince ?? (await rotationTime(sandboxName, remoteId, signal));
  if (since === undefined) return fail("not_rotated", "This connection has no rotation to check.");
  const client = flowService();
  const query = { sandbox: sandboxName, signal };
  let flows;
  try {
    flows = (await resolveDataflows(client, [remoteId], query)).flowsByBase.get(remoteId) ?? [];
  } catch (error) {
    const problem = loadFailure(error);
    return fail("dataflows_unavailable", `The dataflows using this connection could not be checked: ${problem.message}.`, problem.requestId ? { requestId: problem.requestId } : {});
  }
  const orgId = serverEnv().ADOBE_ORG_ID;
  const enabled = flows.filter((f) => f.state.toLowerCase() === "enabled");
  const problems: string[] = [];
  const checked = await mapBounded(enabled.slice(0, MAX_CHECKED_FLOWS), 4, async (flow): Promise<FlowAfterRotation> => {
    const base = { id: flow.id, name: flow.name || flow.id, url: aepDataflowUrl(orgId, sandboxName, flow.id) };
    try {
      const [before, after] = await Promise.all([lastFinishedBefore(client, flow.id, since, query), firstFinishedAfter(client, flow.id, since, query)]);
      return {
        ...base,
        failingBefore: before ? runStatus(before.status) === "failed" : null,
        after: after
          ? { status: runStatus(after.status), at: after.completedAt ?? after.startedAt ?? after.createdAt ?? since, runId: after.id, url: aepDataflowUrl(orgId, sandboxName, flow.id, after.id), error: runStatus(after.status) === "failed" ? primaryRunError(after.errors) : null }
          : null,
        nextRunAt: after ? null : nextRunAt(flow.schedule, Math.max(since, flow.lastRun?.startedAt ?? 0)),
        checked: true,
      };
    } catch (error) {
      problems.push(`“${base.name}”: ${withRequestId(loadFailure(error))}`);
      return { ...base, failingBefore: null, after: null, nextRunAt: nextRunAt(flow.schedule, since), checked: false };
    }
  });
  const results = checked.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  if (enabled.length > MAX_CHECKED_FLOWS) problems.push(`Only the first ${MAX_CHECKED_FLOWS} of ${enabled.length} dataflows were checked.`);
  return ok({ since, verdict: verdictOf(results), flows: results, problems: problems.length > 0 ? [`Runs could not be read for ${problems.length} dataflow(s): ${problems.slice(0, 3).join("; ")}`] : [] });
}
