/**
 * In-memory source connections, flows and live runs, with the two indexes the batch listings
 * need (base connection → source connections, source connection → flows), so a 100-id filter
 * over a 10,000-connection sandbox touches only the matching items. Objects handed out are
 * copies; every mutation calls `onChange` for persistence.
 */
import type { StoredFlow, StoredRun, StoredSourceConnection } from "./dataflow-model";

/** Live runs kept per flow (the oldest are dropped beyond this). */
export const MAX_STORED_RUNS_PER_FLOW = 2_000;

export interface DataflowSnapshot {
  sourceConnections: StoredSourceConnection[];
  flows: StoredFlow[];
  runs: StoredRun[];
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(id);
}

const copySource = (s: StoredSourceConnection): StoredSourceConnection => ({ ...s });
const copyFlow = (f: StoredFlow): StoredFlow => ({ ...f, schedule: { ...f.schedule }, ...(f.failure ? { failure: { ...f.failure } } : {}) });

export class DataflowStore {
  private readonly sources = new Map<string, StoredSourceConnection>();
  private readonly flows = new Map<string, StoredFlow>();
  private readonly runs = new Map<string, StoredRun[]>();
  private readonly sourcesByBase = new Map<string, Set<string>>();
  private readonly flowsBySource = new Map<string, Set<string>>();
  /** Live flows are few; every listing of flows or runs asks for them first. */
  private readonly liveIds = new Set<string>();

  constructor(private readonly onChange: () => void = () => {}) {}

  putSources(items: StoredSourceConnection[]): void {
    for (const item of items) {
      this.sources.set(item.id, copySource(item));
      addTo(this.sourcesByBase, item.baseConnectionId, item.id);
    }
    if (items.length > 0) this.onChange();
  }

  putFlows(items: StoredFlow[]): void {
    for (const item of items) {
      this.flows.set(item.id, copyFlow(item));
      addTo(this.flowsBySource, item.sourceConnectionId, item.id);
      if (item.mode === "live") this.liveIds.add(item.id);
    }
    if (items.length > 0) this.onChange();
  }

  addRuns(items: StoredRun[]): void {
    for (const run of items) {
      const list = this.runs.get(run.flowId) ?? [];
      list.push({ ...run });
      list.sort((a, b) => a.at - b.at);
      if (list.length > MAX_STORED_RUNS_PER_FLOW) list.splice(0, list.length - MAX_STORED_RUNS_PER_FLOW);
      this.runs.set(run.flowId, list);
    }
    if (items.length > 0) this.onChange();
  }

  /** Visible in `sandbox`: its own items, plus those a fault leaks into it. */
  private visible(sandbox: string) {
    return (s: StoredSourceConnection) => s.sandboxName === sandbox || s.leakIntoSandbox === sandbox;
  }

  sourcesOf(sandbox: string, baseIds?: readonly string[]): StoredSourceConnection[] {
    const ids = baseIds === undefined ? [...this.sources.keys()] : baseIds.flatMap((base) => [...(this.sourcesByBase.get(base) ?? [])]);
    return [...new Set(ids)].map((id) => this.sources.get(id)).filter((s): s is StoredSourceConnection => s !== undefined && this.visible(sandbox)(s)).map(copySource);
  }

  source(id: string): StoredSourceConnection | undefined {
    const found = this.sources.get(id);
    return found ? copySource(found) : undefined;
  }

  flowsOf(sandbox: string, sourceIds?: readonly string[]): StoredFlow[] {
    const ids = sourceIds === undefined ? [...this.flows.keys()] : sourceIds.flatMap((source) => [...(this.flowsBySource.get(source) ?? [])]);
    return [...new Set(ids)].map((id) => this.flows.get(id)).filter((f): f is StoredFlow => f !== undefined && f.sandboxName === sandbox).map(copyFlow);
  }

  flow(id: string): StoredFlow | undefined {
    const found = this.flows.get(id);
    return found ? copyFlow(found) : undefined;
  }

  liveFlows(): StoredFlow[] {
    return [...this.liveIds].map((id) => this.flows.get(id)).filter((f): f is StoredFlow => f !== undefined).map(copyFlow);
  }

  updateFlow(id: string, change: Partial<Pick<StoredFlow, "evaluatedUntil" | "state" | "updatedAt">>): void {
    const found = this.flows.get(id);
    if (!found) return;
    this.flows.set(id, { ...found, ...change });
    this.onChange();
  }

  storedRuns(flowId: string): StoredRun[] {
    return (this.runs.get(flowId) ?? []).map((run) => ({ ...run }));
  }

  /** A deleted base connection: its source connections keep existing, their runs now fail. */
  markBaseDeleted(baseId: string, at: number): void {
    let changed = false;
    for (const id of this.sourcesByBase.get(baseId) ?? []) {
      const source = this.sources.get(id);
      if (source && source.baseDeletedAt === undefined) {
        this.sources.set(id, { ...source, baseDeletedAt: at });
        changed = true;
      }
    }
    if (changed) this.onChange();
  }

  count(sandbox: string): { sources: number; flows: number } {
    return { sources: this.sourcesOf(sandbox).length, flows: this.flowsOf(sandbox).length };
  }

  clear(): void {
    for (const map of [this.sources, this.flows, this.runs, this.sourcesByBase, this.flowsBySource]) map.clear();
    this.liveIds.clear();
    this.onChange();
  }

  snapshot(): DataflowSnapshot {
    return { sourceConnections: [...this.sources.values()], flows: [...this.flows.values()], runs: [...this.runs.values()].flat() };
  }

  load(snapshot: Partial<DataflowSnapshot> | undefined, sandboxes: readonly string[]): void {
    if (!snapshot) return;
    const known = new Set(sandboxes);
    const sources = (Array.isArray(snapshot.sourceConnections) ? snapshot.sourceConnections : []).filter((s) => known.has(s.sandboxName));
    const flows = (Array.isArray(snapshot.flows) ? snapshot.flows : []).filter((f) => known.has(f.sandboxName));
    for (const item of sources) {
      this.sources.set(item.id, copySource(item));
      addTo(this.sourcesByBase, item.baseConnectionId, item.id);
    }
    for (const item of flows) {
      this.flows.set(item.id, copyFlow(item));
      addTo(this.flowsBySource, item.sourceConnectionId, item.id);
      if (item.mode === "live") this.liveIds.add(item.id);
    }
    for (const run of Array.isArray(snapshot.runs) ? snapshot.runs : []) {
      if (!this.flows.has(run.flowId)) continue;
      const list = this.runs.get(run.flowId) ?? [];
      list.push({ ...run });
      this.runs.set(run.flowId, list);
    }
    for (const list of this.runs.values()) list.sort((a, b) => a.at - b.at);
  }
}
