// Pure helpers shared by the sync figures, the connection page and the rotation check: whether a
// flow counts as failing, how its schedule reads, when it runs next, and where AEP's own UI
// shows it. No I/O here, so the browser-side components and the unit tests can use them.
import type { FlowSchedule, RemoteFlow, RunError } from "@/lib/flow-service/dataflow-types";

/** AEP's UI. A dataflow's page is …/#/@<org>/sname:<sandbox>/platform/source/dataflows/<id>/activity. */
export const AEP_UI_ORIGIN = "https://experience.adobe.com";

export type RunStatus = "success" | "failed" | "inProgress" | "unknown";

/** Adobe writes run states in lowercase ("success", "failed", "inProgress") but filters with "Failed". */
export function runStatus(value: string | undefined): RunStatus {
  const lower = (value ?? "").toLowerCase();
  if (lower === "success" || lower === "succeeded" || lower === "completed") return "success";
  if (lower === "failed" || lower === "failure" || lower === "error") return "failed";
  if (lower === "inprogress" || lower === "in_progress" || lower === "running" || lower === "queued") return "inProgress";
  return "unknown";
}

/** An enabled flow whose last run failed: ingestion is broken right now. */
export function isFailing(flow: Pick<RemoteFlow, "state" | "lastRun">): boolean {
  return flow.state.toLowerCase() === "enabled" && runStatus(flow.lastRun?.status) === "failed";
}

const UNITS: Record<string, [string, string]> = { minute: ["minute", "minutes"], hour: ["hour", "hours"], day: ["day", "days"], week: ["week", "weeks"] };
const ADVERBS: Record<string, string> = { minute: "Every minute", hour: "Hourly", day: "Daily", week: "Weekly" };

export function describeSchedule(schedule: FlowSchedule | undefined): string {
  if (!schedule) return "No schedule";
  const frequency = schedule.frequency.toLowerCase();
  if (frequency === "once") return "Once";
  const units = UNITS[frequency];
  if (!units) return schedule.frequency;
  const interval = schedule.interval ?? 1;
  return interval === 1 ? (ADVERBS[frequency] ?? `Every ${units[0]}`) : `Every ${interval} ${units[1]}`;
}

const PERIOD_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

/** The next scheduled run strictly after `after` (epoch ms), when the schedule says. */
export function nextRunAt(schedule: FlowSchedule | undefined, after: number): number | null {
  if (!schedule || schedule.startTime === undefined) return null;
  const start = schedule.startTime * 1000;
  if (after < start) return start;
  const unit = PERIOD_MS[schedule.frequency.toLowerCase()];
  if (!unit) return null;
  const period = unit * Math.max(1, schedule.interval ?? 1);
  return start + (Math.floor((after - start) / period) + 1) * period;
}

/** Where AEP's UI shows a dataflow (its run history), or one run of it. Null without an org. */
export function aepDataflowUrl(orgId: string | undefined, sandbox: string, flowId: string, runId?: string): string | null {
  if (!orgId || !/^[\w@.-]+$/.test(orgId) || !/^[\w-]+$/.test(flowId)) return null;
  const base = `${AEP_UI_ORIGIN}/#/@${orgId}/sname:${encodeURIComponent(sandbox)}/platform/source/dataflows/${encodeURIComponent(flowId)}/activity`;
  return runId && /^[\w-]+$/.test(runId) ? `${base}/${encodeURIComponent(runId)}` : base;
}

/**
 * The error a person reads first: AEP's generic step code (CONNECTOR-1001-500 "Error in copying
 * the data from Source") says little, the copy engine's coded message names the S3 error.
 */
export function primaryRunError(errors: readonly RunError[]): RunError | null {
  return errors.find((e) => e.code !== undefined && !/^CONNECTOR-/i.test(e.code)) ?? errors.find((e) => e.code !== undefined) ?? errors[0] ?? null;
}
