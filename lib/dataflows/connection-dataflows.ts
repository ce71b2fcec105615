// The connection page's dataflow panel: every flow reading through the connection, with its
// state, schedule, last run and, for failing ones, since when and the (redacted) error. Read-only:
// nothing is written, to Flow Service or to the database. Whatever cannot be loaded within the
// time budget is named in `problems`; the rest is still shown.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { mapBounded } from "@/lib/connections/bounded";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import type { RemoteFlow, RunError } from "@/lib/flow-service";
import { flowService } from "@/lib/flow-service/server";
import { withDeadline } from "@/lib/net/deadline";
import { aepDataflowUrl, describeSchedule, isFailing, nextRunAt, runStatus, type RunStatus } from "./describe";
import { loadFailure, withRequestId } from "./problems";
import { resolveDataflows, type SkippedSource } from "./resolve";
import { failingSince, isFinishedRun, latestRuns } from "./run-queries";

/** Flows whose run history is read (the others show what the flow listing says). */
export const RUN_DETAIL_LIMIT = 25;
/** The whole panel answers within this budget; slower calls are reported, not waited for. */
export const PANEL_BUDGET_MS = 8_000;

export type DataflowRow = {
  id: string;
  name: string;
  state: string;
  enabled: boolean;
  failing: boolean;
  schedule: string;
  sourceName: string;
  lastRun: { status: RunStatus; at: number | null; runId?: string } | null;
  failingSince: { at: number; atLeast: boolean } | null;
  nextRunAt: number | null;
  /** Errors of the latest failed run, redacted; primaryRunError() picks the one to show first. */
  errors: RunError[];
  url: string | null;
  lastRunUrl: string | null;
  /** False when the run history could not be read (last run then comes from the flow listing). */
  runsLoaded: boolean;
};

export type ConnectionDataflows = { flows: DataflowRow[]; total: number; failing: number; problems: string[]; checkedAt: number };

function skippedProblems(skipped: SkippedSource[]): string[] {
  const other = skipped.filter((s) => s.reason === "other-sandbox");
  const foreign = skipped.length - other.length;
  const out: string[] = [];
  if (other.length > 0) {
    const sandboxes = [...new Set(other.map((s) => s.sandboxName ?? "?"))].join(", ");
    out.push(`${other.length} source connection${other.length === 1 ? "" : "s"} of sandbox ${sandboxes} point${other.length === 1 ? "s" : ""} at this connection; ${other.length === 1 ? "its" : "their"} dataflows are not shown (sandboxes are separate).`);
  }
  if (foreign > 0) out.push(`Flow Service returned ${foreign} source connection${foreign === 1 ? "" : "s"} of other base connections; ignored.`);
  return out;
}

function baseRow(flow: RemoteFlow, sourceName: string, orgId: string, sandbox: string): DataflowRow {
  const last = flow.lastRun;
  return {
    id: flow.id,
    name: flow.name || flow.id,
    state: flow.state,
    enabled: flow.state.toLowerCase() === "enabled",
    failing: isFailing(flow),
    schedule: describeSchedule(flow.schedule),
    sourceName,
    lastRun: last ? { status: runStatus(last.status), at: last.completedAt ?? last.startedAt ?? null, ...(last.id ? { runId: last.id } : {}) } : null,
    failingSince: null,
    nextRunAt: flow.state.toLowerCase() === "enabled" ? nextRunAt(flow.schedule, Math.max(Date.now(), last?.startedAt ?? 0)) : null,
    errors: [],
    url: aepDataflowUrl(orgId, sandbox, flow.id),
    lastRunUrl: last?.id ? aepDataflowUrl(orgId, sandbox, flow.id, last.id) : null,
    runsLoaded: false,
  };
}

export async function connectionDataflows(sandboxName: string, remoteId: string, options: { budgetMs?: number } = {}): Promise<ActionResult<ConnectionDataflows>> {
  const stored = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } }, select: { id: true } });
  if (!stored) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  return withDeadline(options.budgetMs ?? PANEL_BUDGET_MS, (signal) => loadPanel(sandboxName, remoteId, signal));
}

/** The panel of a connection in the inventory, its calls under one time budget (`signal`). */
async function loadPanel(sandboxName: string, remoteId: string, signal: AbortSignal): Promise<ActionResult<ConnectionDataflows>> {
  const client = flowService();
  const calls = { sandbox: sandboxName, signal };
  let resolved;
  try {
    resolved = await resolveDataflows(client, [remoteId], calls);
  } catch (error) {
    const problem = loadFailure(error);
    return fail("dataflows_unavailable", `The dataflows using this connection could not be loaded: ${problem.message}.`, problem.requestId ? { requestId: problem.requestId } : {});
  }
  const orgId = serverEnv().ADOBE_ORG_ID;
  const flows = resolved.flowsByBase.get(remoteId) ?? [];
  const sourceName = (flow: RemoteFlow) => flow.sourceConnectionIds.map((id) => resolved.sources.get(id)?.name).find(Boolean) ?? "";
  // Failing first (they matter most), then by name.
  const rows = flows.map((flow) => baseRow(flow, sourceName(flow), orgId, sandboxName)).sort((a, b) => Number(b.failing) - Number(a.failing) || a.name.localeCompare(b.name));
  const problems = skippedProblems(resolved.skipped);

  const detailed = rows.slice(0, RUN_DETAIL_LIMIT);
  const failures: { name: string; problem: ReturnType<typeof loadFailure> }[] = [];
  await mapBounded(detailed, 4, async (row) => {
    try {
      const runs = await latestRuns(client, row.id, calls);
      const latest = runs.find(isFinishedRun);
      if (latest) {
        row.lastRun = { status: runStatus(latest.status), at: latest.completedAt ?? latest.startedAt ?? latest.createdAt ?? null, runId: latest.id };
        row.lastRunUrl = aepDataflowUrl(orgId, sandboxName, row.id, latest.id);
        row.failing = row.enabled && runStatus(latest.status) === "failed";
        row.errors = row.failing ? latest.errors : [];
        if (row.failing) row.failingSince = await failingSince(client, row.id, calls);
      }
      row.runsLoaded = true;
    } catch (error) {
      failures.push({ name: row.name, problem: loadFailure(error) });
    }
  });
  if (failures.length > 0) {
    const first = failures[0]!;
    const names = failures.slice(0, 3).map((f) => `“${f.name}”`).join(", ");
    problems.push(`The run history of ${failures.length} dataflow${failures.length === 1 ? "" : "s"} (${names}${failures.length > 3 ? ", …" : ""}) could not be loaded: ${withRequestId(first.problem)}. Their last run comes from the flow listing.`);
  }
  // The run history may have changed what is failing (a flow running now failed last time).
  rows.sort((a, b) => Number(b.failing) - Number(a.failing) || a.name.localeCompare(b.name));
  if (rows.length > RUN_DETAIL_LIMIT) problems.push(`Run details are shown for the first ${RUN_DETAIL_LIMIT} of ${rows.length} dataflows.`);
  return ok({ flows: rows, total: rows.length, failing: rows.filter((r) => r.failing).length, problems, checkedAt: Date.now() });
}
