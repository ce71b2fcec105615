/**
 * Source connections, flows and runs, read in Adobe's batch form: one request names up to
 * MAX_IDS_PER_CALL ids in a comma-separated `property` filter (`baseConnectionId==a,b`,
 * `sourceConnectionIds[]==a,b`, `flowId==a,b`), so 10,000 connections cost about a hundred
 * calls per listing, not ten thousand. Source connections and flows are followed through every
 * page; runs are read one bounded page at a time, because a flow's run list can be huge.
 */
import type { z } from "zod";
import { sourceConnectionListSchema, flowListSchema, runListSchema, type FlowItemDto, type RunItemDto, type SourceConnectionItemDto } from "./dataflow-schemas";
import { MAX_IDS_PER_CALL, type DataflowListOptions, type RemoteFlow, type RemoteRun, type RemoteSourceConnection, type RunError, type RunListOptions } from "./dataflow-types";
import { FlowServiceError } from "./errors";
import type { FlowServiceHttp } from "./http";
import { continuationTokenOf } from "./listing";
import { parseBody } from "./parse";
import { redactRunErrorText } from "./redact-run-error";

const MAX_PAGES = 1_000;
const ID = /^[\w-]{1,100}$/;

function checkIds(http: FlowServiceHttp, ids: readonly string[], opts: { requestId?: string }, field: string): void {
  const problem = ids.length === 0 ? "must name at least one id" : ids.length > MAX_IDS_PER_CALL ? `must name at most ${MAX_IDS_PER_CALL} ids` : ids.some((id) => !ID.test(id)) ? "must be ids (letters, digits, - and _)" : undefined;
  if (problem) throw new FlowServiceError({ kind: "validation", requestId: opts.requestId ?? http.newRequestId(), fields: [{ field, message: problem }] });
}

/** Every page of one listing; `what` names it in errors. */
async function allPages<S extends z.ZodType<{ items: unknown[]; _links?: { next?: { href: string } | null } | null }>>(
  http: FlowServiceHttp,
  path: string,
  schema: S,
  query: Array<[string, string]>,
  opts: DataflowListOptions,
  what: string,
): Promise<{ items: z.output<S>["items"]; requestIds: string[] }> {
  const items: unknown[] = [];
  const requestIds: string[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await http.send({
      // The metrics' operation label, in the client's naming (listConnections, listRuns...).
      operation: path === "/flows" ? "listFlows" : "listSourceConnections",
      method: "GET",
      path,
      query: token ? [...query, ["continuationToken", token]] : query,
      sandbox: opts.sandbox,
      signal: opts.signal,
      requestId: page === 0 ? opts.requestId : undefined,
      retry: "idempotent",
    });
    const body = parseBody(schema, response.json, { requestId: response.requestId, status: response.status, what });
    items.push(...body.items);
    requestIds.push(response.requestId);
    const next = continuationTokenOf(body._links?.next?.href);
    if (next === undefined) return { items, requestIds };
    if (seen.has(next)) throw new FlowServiceError({ kind: "bad_response", requestId: response.requestId, detail: `${what}: a continuation token came back twice.` });
    seen.add(next);
    token = next;
  }
  throw new FlowServiceError({ kind: "bad_response", requestId: requestIds.at(-1) ?? http.newRequestId(), detail: `${what}: more than ${MAX_PAGES} pages.` });
}

function pageSize(opts: DataflowListOptions): string {
  return String(Math.max(1, Math.min(100, Math.floor(opts.pageSize ?? 100))));
}

function toSourceConnection(dto: SourceConnectionItemDto): RemoteSourceConnection {
  const path = dto.params?.path;
  return {
    id: dto.id,
    name: dto.name ?? "",
    baseConnectionId: dto.baseConnectionId ?? null,
    ...(dto.sandboxName === undefined ? {} : { sandboxName: dto.sandboxName }),
    ...(dto.state === undefined ? {} : { state: dto.state }),
    ...(typeof path === "string" ? { path } : {}),
  };
}

function toFlow(dto: FlowItemDto): RemoteFlow {
  const flow: RemoteFlow = { id: dto.id, name: dto.name ?? "", state: dto.state ?? "unknown", sourceConnectionIds: dto.sourceConnectionIds };
  if (dto.sandboxName !== undefined) flow.sandboxName = dto.sandboxName;
  const schedule = dto.scheduleParams;
  if (schedule?.frequency) flow.schedule = { frequency: schedule.frequency, ...(schedule.interval === undefined ? {} : { interval: schedule.interval }), ...(schedule.startTime === undefined ? {} : { startTime: schedule.startTime }) };
  const last = dto.lastRunDetails;
  if (last?.state) {
    flow.lastRun = { status: last.state, ...(last.id ? { id: last.id } : {}), ...(last.startedAtUTC === undefined ? {} : { startedAt: last.startedAtUTC }), ...(last.completedAtUTC === undefined ? {} : { completedAt: last.completedAtUTC }) };
  }
  if (dto.createdAt !== undefined) flow.createdAt = dto.createdAt;
  if (dto.updatedAt !== undefined) flow.updatedAt = dto.updatedAt;
  return flow;
}

/** Errors from the run, then its activities, most specific last; redacted and de-duplicated. */
function runErrors(dto: RunItemDto): RunError[] {
  const raw: { code?: string | number; message?: string }[] = [
    ...(dto.metrics?.statusSummary?.errors ?? []),
    ...(dto.metrics?.recordSummary?.failedInfo ?? []),
  ];
  for (const activity of dto.activities ?? []) {
    raw.push(...(activity.statusSummary?.errors ?? []), ...(activity.statusSummary?.extensions?.errors ?? []));
    const detail = activity.statusSummary?.extensions?.errorDetail;
    if (detail) raw.push({ message: detail });
  }
  const out: RunError[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    if (!entry.message) continue;
    const error: RunError = { message: redactRunErrorText(entry.message), ...(entry.code === undefined ? {} : { code: redactRunErrorText(String(entry.code)).slice(0, 64) }) };
    const key = `${error.code ?? ""}|${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error);
    if (out.length >= 5) break;
  }
  return out;
}

function toRun(dto: RunItemDto): RemoteRun {
  const duration = dto.metrics?.durationSummary;
  return {
    id: dto.id,
    ...(dto.flowId === undefined ? {} : { flowId: dto.flowId }),
    ...(dto.createdAt === undefined ? {} : { createdAt: dto.createdAt }),
    ...(dto.sandboxName === undefined ? {} : { sandboxName: dto.sandboxName }),
    status: dto.metrics?.statusSummary?.status ?? "unknown",
    ...(duration?.startedAtUTC === undefined ? {} : { startedAt: duration.startedAtUTC }),
    ...(duration?.completedAtUTC === undefined ? {} : { completedAt: duration.completedAtUTC }),
    errors: runErrors(dto),
  };
}

export async function listSourceConnectionsOf(http: FlowServiceHttp, baseConnectionIds: readonly string[], opts: DataflowListOptions = {}) {
  checkIds(http, baseConnectionIds, opts, "baseConnectionIds");
  const query: Array<[string, string]> = [["property", `baseConnectionId==${baseConnectionIds.join(",")}`], ["limit", pageSize(opts)]];
  const { items, requestIds } = await allPages(http, "/sourceConnections", sourceConnectionListSchema, query, opts, "source connection list");
  return { sourceConnections: items.map(toSourceConnection), requestIds };
}

export async function listFlowsOf(http: FlowServiceHttp, sourceConnectionIds: readonly string[], opts: DataflowListOptions = {}) {
  checkIds(http, sourceConnectionIds, opts, "sourceConnectionIds");
  const query: Array<[string, string]> = [["property", `sourceConnectionIds[]==${sourceConnectionIds.join(",")}`], ["limit", pageSize(opts)]];
  const { items, requestIds } = await allPages(http, "/flows", flowListSchema, query, opts, "flow list");
  return { flows: items.map(toFlow), requestIds };
}

/** One page of runs of the given flows, e.g. the latest ten, or the last successful one. */
export async function listRunsOf(http: FlowServiceHttp, flowIds: readonly string[], opts: RunListOptions = {}) {
  checkIds(http, flowIds, opts, "flowIds");
  const limit = Math.max(1, Math.min(100, Math.floor(opts.limit ?? 10)));
  const query: Array<[string, string]> = [["property", `flowId==${flowIds.join(",")}`], ...(opts.filters ?? []).map((f): [string, string] => ["property", f]), ["limit", String(limit)]];
  if (opts.orderBy) query.push(["orderby", opts.orderBy]);
  const response = await http.send({ operation: "listRuns", method: "GET", path: "/runs", query, sandbox: opts.sandbox, signal: opts.signal, requestId: opts.requestId, retry: "idempotent" });
  const body = parseBody(runListSchema, response.json, { requestId: response.requestId, status: response.status, what: "run list" });
  return { runs: body.items.map(toRun), requestId: response.requestId, ...(body.count === undefined ? {} : { count: body.count }) };
}
