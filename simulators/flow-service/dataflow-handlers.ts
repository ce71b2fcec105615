/**
 * GET /sourceConnections, /flows, /runs (and single source connections and flows). Read-only:
 * the console never writes dataflows; tests and the demo create them through the control API.
 * Before flows or runs are shown, the live flows of the sandbox run whatever fell due.
 */
import type { StoredFlow, StoredSourceConnection } from "./dataflow-model";
import type { DataflowStore } from "./dataflow-store";
import { flowView, LIGHT_RUN_PATHS, lightRunView, runView, sourceConnectionView } from "./dataflow-views";
import type { HandlerContext, SimState } from "./handlers";
import type { LiveRunner } from "./live-runs";
import { encodeResourceToken, indexedValues, matchesFilter, pageOfViews, parseResourceQuery, type ResourceQuery } from "./resource-query";
import { json, problem, problems } from "./responses";
import { lastRun, runRecords, syntheticRunsInOrder, type RunContext } from "./run-records";
import type { SimResponse, StoredConnection } from "./types";

export interface DataflowState {
  store: DataflowStore;
  runner: LiveRunner;
  baseOf(source: StoredSourceConnection): StoredConnection | undefined;
}

type DataflowHandler = (state: SimState, ctx: HandlerContext) => SimResponse | Promise<SimResponse>;

const SORTABLE = ["name", "createdAt", "updatedAt"] as const;
const RUN_SORTABLE = ["createdAt", "updatedAt"] as const;

function listBody(resource: string, page: { items: unknown[]; total: number; nextToken?: string }, count: boolean): SimResponse {
  const body: Record<string, unknown> = {
    items: page.items,
    _links: page.nextToken ? { next: { href: `/${resource}?continuationToken=${page.nextToken}` } } : {},
  };
  if (count) body.count = page.total;
  return json(200, body);
}

function runContext(state: SimState): RunContext {
  return { store: state.dataflows.store, baseOf: state.dataflows.baseOf, now: state.now() };
}

function sourcesFor(state: SimState, sandbox: string, query: ResourceQuery): StoredSourceConnection[] {
  const store = state.dataflows.store;
  const byBase = indexedValues(query, ["baseConnectionId"]);
  if (byBase) return store.sourcesOf(sandbox, byBase.values);
  const byId = indexedValues(query, ["id"]);
  if (byId) return store.sourcesOf(sandbox).filter((s) => byId.values.includes(s.id));
  return store.sourcesOf(sandbox);
}

function flowsFor(state: SimState, sandbox: string, query: ResourceQuery): StoredFlow[] {
  const store = state.dataflows.store;
  const bySource = indexedValues(query, ["sourceConnectionIds[]", "sourceConnectionIds"]);
  if (bySource) return store.flowsOf(sandbox, bySource.values);
  const byId = indexedValues(query, ["id"]);
  if (byId) return byId.values.map((id) => store.flow(id)).filter((f): f is StoredFlow => f !== undefined && f.sandboxName === sandbox);
  return store.flowsOf(sandbox);
}

export const listSourceConnections: DataflowHandler = (state, ctx) => {
  const parsed = parseResourceQuery(ctx.query, SORTABLE, "-createdAt");
  if (!parsed.ok) return problems.validation(parsed.errors);
  const views = sourcesFor(state, ctx.sandbox, parsed.query).map((s) => sourceConnectionView(s, state.orgId) as Record<string, unknown> & { id: string });
  return listBody("sourceConnections", pageOfViews(views, parsed.query, parsed.cursor), parsed.query.count);
};

export const getSourceConnection: DataflowHandler = (state, ctx) => {
  const found = state.dataflows.store.sourcesOf(ctx.sandbox).find((s) => s.id === ctx.id);
  return found ? json(200, { items: [sourceConnectionView(found, state.orgId)] }) : problems.notFound("Source connection", ctx.id);
};

function flowViewOf(state: SimState, flow: StoredFlow, runs: RunContext) {
  return flowView(flow, state.dataflows.store.source(flow.sourceConnectionId), lastRun(flow, runs), state.orgId) as Record<string, unknown> & { id: string };
}

export const listFlows: DataflowHandler = async (state, ctx) => {
  const parsed = parseResourceQuery(ctx.query, SORTABLE, "-createdAt");
  if (!parsed.ok) return problems.validation(parsed.errors);
  await state.dataflows.runner.materialize(ctx.sandbox);
  const runs = runContext(state);
  const views = flowsFor(state, ctx.sandbox, parsed.query).map((flow) => flowViewOf(state, flow, runs));
  return listBody("flows", pageOfViews(views, parsed.query, parsed.cursor), parsed.query.count);
};

export const getFlow: DataflowHandler = async (state, ctx) => {
  const flow = state.dataflows.store.flow(ctx.id);
  if (!flow || flow.sandboxName !== ctx.sandbox) return problems.notFound("Flow", ctx.id);
  await state.dataflows.runner.materialize(ctx.sandbox);
  return json(200, { items: [flowViewOf(state, state.dataflows.store.flow(ctx.id) ?? flow, runContext(state))] });
};

/**
 * The common question "newest (or oldest) runs of one synthetic flow, maybe with a status or a
 * time bound" walks its schedule from the right end and stops after a page, instead of building
 * thousands of runs. Counting, other sorts and other filters take the general path.
 */
function fastRunPage(state: SimState, flow: StoredFlow, query: ResourceQuery, cursor: { value: string | number; id: string } | undefined): SimResponse | undefined {
  const direction = query.orderBy.replace(/^\+/, "") === "createdAt" ? "asc" : query.orderBy === "-createdAt" ? "desc" : undefined;
  if (flow.mode !== "synthetic" || query.count || !direction || !query.filters.every((f) => LIGHT_RUN_PATHS.test(f.path))) return undefined;
  if (cursor !== undefined && typeof cursor.value !== "number") return undefined;
  const items: Record<string, unknown>[] = [];
  let more = false;
  for (const record of syntheticRunsInOrder(flow, runContext(state), direction, cursor?.value as number | undefined)) {
    if (!query.filters.every((filter) => matchesFilter(lightRunView(record), filter))) continue;
    if (items.length === query.limit) {
      more = true;
      break;
    }
    items.push(runView(record, state.orgId));
  }
  const last = items.at(-1);
  const nextToken = more && last ? encodeResourceToken(query, { value: last.createdAt as number, id: String(last.id) }) : undefined;
  return listBody("runs", { items, total: items.length, ...(nextToken ? { nextToken } : {}) }, false);
}

/**
 * Runs are listed per flow: `property=flowId==<id>[,<id>…]` is required. (AEP can list every
 * run of a sandbox; the simulator computes synthetic runs on demand and will not enumerate
 * millions of them.)
 */
export const listRuns: DataflowHandler = async (state, ctx) => {
  const parsed = parseResourceQuery(ctx.query, RUN_SORTABLE, "-createdAt");
  if (!parsed.ok) return problems.validation(parsed.errors);
  const byFlow = indexedValues(parsed.query, ["flowId"]);
  if (!byFlow) return problem(400, "BadRequestError", "This simulator lists runs of given flows only: add property=flowId==<flow id>[,<flow id>…].");
  await state.dataflows.runner.materialize(ctx.sandbox);
  const single = byFlow.values.length === 1 ? state.dataflows.store.flow(byFlow.values[0]!) : undefined;
  const fast = single && single.sandboxName === ctx.sandbox ? fastRunPage(state, single, parsed.query, parsed.cursor) : undefined;
  if (fast) return fast;
  const runs = runContext(state);
  const records = byFlow.values
    .map((id) => state.dataflows.store.flow(id))
    .filter((flow): flow is StoredFlow => flow !== undefined && flow.sandboxName === ctx.sandbox)
    .flatMap((flow) => runRecords(flow, runs));
  const full = (record: (typeof records)[number]) => runView(record, state.orgId) as Record<string, unknown> & { id: string };
  // A flow every 15 minutes has thousands of runs: filter and sort a light view, build the page.
  if (!parsed.query.filters.every((filter) => LIGHT_RUN_PATHS.test(filter.path))) {
    return listBody("runs", pageOfViews(records.map(full), parsed.query, parsed.cursor), parsed.query.count);
  }
  const byId = new Map(records.map((record) => [record.id, record]));
  const page = pageOfViews(records.map(lightRunView), parsed.query, parsed.cursor);
  return listBody("runs", { ...page, items: page.items.map((item) => full(byId.get(item.id)!)) }, parsed.query.count);
};
