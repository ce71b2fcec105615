/**
 * The runs of one flow as records: computed from the schedule for synthetic flows, read from the
 * store for live ones. Only runs inside the retention window are returned, oldest first.
 */
import type { RunRecord, StoredFlow, StoredSourceConnection } from "./dataflow-model";
import type { DataflowStore } from "./dataflow-store";
import { hashString, mulberry32, uuidFrom } from "./prng";
import { lastIndexAtOrBefore, RUN_RETENTION_MS, runTime, firstIndexAfter } from "./schedule";
import type { StoredConnection } from "./types";

export interface RunContext {
  store: DataflowStore;
  /** The base connection as stored now (undefined when deleted or unknown). */
  baseOf(source: StoredSourceConnection): StoredConnection | undefined;
  now: number;
}

/** When a synthetic run at `at` fails, and why (undefined: it succeeds). */
function syntheticFailure(flow: StoredFlow, source: StoredSourceConnection, base: StoredConnection | undefined, at: number): string | undefined {
  if (source.baseDeletedAt !== undefined && at >= source.baseDeletedAt) return "ConnectionNotFound";
  if (!flow.failure || at < flow.failure.since) return undefined;
  // A credential patch after the failure began is a rotation: runs from then on read again.
  const rotatedAt = base?.authUpdatedAt;
  const rotated = rotatedAt !== undefined && rotatedAt > flow.failure.since && at >= rotatedAt;
  return rotated ? undefined : flow.failure.code;
}

function syntheticRun(flow: StoredFlow, source: StoredSourceConnection, base: StoredConnection | undefined, index: number, now: number): RunRecord {
  const rng = mulberry32(hashString(`${flow.id}#${index}`));
  const id = uuidFrom(rng);
  const at = runTime(flow.schedule, index);
  const startedAt = at + 5_000 + Math.floor(rng() * 25_000);
  const completedAt = startedAt + 20_000 + Math.floor(rng() * 70_000);
  const errorCode = syntheticFailure(flow, source, base, at);
  const files = errorCode ? 0 : 1 + Math.floor(rng() * 5);
  const record: RunRecord = {
    id,
    flowId: flow.id,
    sandboxName: flow.sandboxName,
    at,
    startedAt,
    status: now < completedAt ? "inProgress" : errorCode ? "failed" : "success",
    files,
    bytes: files * (1_000 + Math.floor(rng() * 400_000)),
    baseConnectionId: source.baseConnectionId,
    ...(base?.auth.params.s3AccessKey ? { accessKeyId: base.auth.params.s3AccessKey } : {}),
  };
  if (now >= completedAt) record.completedAt = completedAt;
  if (errorCode && record.status === "failed") record.errorCode = errorCode;
  return record;
}

/** The last time a run may be due: now, or when the flow was disabled. */
function horizon(flow: StoredFlow, now: number): number {
  return flow.state === "enabled" ? now : Math.min(now, flow.updatedAt);
}

export function runRecords(flow: StoredFlow, ctx: RunContext): RunRecord[] {
  const since = ctx.now - RUN_RETENTION_MS;
  if (flow.mode === "live") {
    return ctx.store.storedRuns(flow.id).filter((run) => run.at > since).map((run) => ({ ...run }));
  }
  const source = ctx.store.source(flow.sourceConnectionId);
  if (!source) return [];
  const base = ctx.baseOf(source);
  const first = firstIndexAfter(flow.schedule, since);
  const last = lastIndexAtOrBefore(flow.schedule, horizon(flow, ctx.now));
  if (first === undefined || last < first) return [];
  const out: RunRecord[] = [];
  for (let index = first; index <= last; index++) out.push(syntheticRun(flow, source, base, index, ctx.now));
  return out;
}

/**
 * A synthetic flow's runs one by one, newest or oldest first, from just past `after` (a
 * createdAt; run times are distinct), so a page of the newest runs costs its size, not the
 * flow's whole history. Undefined for live flows (their runs are stored, already cheap).
 */
export function* syntheticRunsInOrder(flow: StoredFlow, ctx: RunContext, direction: "asc" | "desc", after?: number): Generator<RunRecord> {
  if (flow.mode !== "synthetic") return;
  const source = ctx.store.source(flow.sourceConnectionId);
  if (!source) return;
  const base = ctx.baseOf(source);
  const first = firstIndexAfter(flow.schedule, ctx.now - RUN_RETENTION_MS);
  const last = lastIndexAtOrBefore(flow.schedule, horizon(flow, ctx.now));
  if (first === undefined || last < first) return;
  if (direction === "desc") {
    const start = after === undefined ? last : Math.min(last, lastIndexAtOrBefore(flow.schedule, after - 1));
    for (let index = start; index >= first; index--) yield syntheticRun(flow, source, base, index, ctx.now);
  } else {
    const start = after === undefined ? first : Math.max(first, firstIndexAfter(flow.schedule, after) ?? last + 1);
    for (let index = start; index <= last; index++) yield syntheticRun(flow, source, base, index, ctx.now);
  }
}

/** The most recent run (for a flow's lastRunDetails), without computing the whole history. */
export function lastRun(flow: StoredFlow, ctx: RunContext): RunRecord | undefined {
  if (flow.mode === "live") return ctx.store.storedRuns(flow.id).at(-1);
  const source = ctx.store.source(flow.sourceConnectionId);
  if (!source) return undefined;
  const index = lastIndexAtOrBefore(flow.schedule, horizon(flow, ctx.now));
  return index < 0 ? undefined : syntheticRun(flow, source, ctx.baseOf(source), index, ctx.now);
}
