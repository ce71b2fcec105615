// Which flows read through which base connections: source connections by base connection id,
// then flows by source connection id, both in Adobe's batch form (MAX_IDS_PER_CALL ids per
// request, a few requests in flight). What comes back is checked, not trusted: a source
// connection of another sandbox, or one naming a base connection that was not asked for, is set
// aside and reported instead of being counted.
import "server-only";
import { mapBounded } from "@/lib/connections/bounded";
import { MAX_IDS_PER_CALL, type RemoteFlow, type RemoteSourceConnection } from "@/lib/flow-service/dataflow-types";
import type { FlowServiceClient } from "@/lib/flow-service";

export type SkippedSource = { id: string; name: string; reason: "other-sandbox" | "unrequested-base"; sandboxName?: string };

export type ResolvedDataflows = {
  /** Base connection id → the flows reading through it (a flow appears once per base). */
  flowsByBase: Map<string, RemoteFlow[]>;
  /** Source connection id → source connection, for the ones kept. */
  sources: Map<string, RemoteSourceConnection>;
  skipped: SkippedSource[];
  requests: number;
  requestIds: string[];
};

export function chunk<T>(items: readonly T[], size = MAX_IDS_PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type ResolveOptions = { sandbox: string; signal?: AbortSignal; concurrency?: number };

/** Source connections of these base connections, validated against the sandbox and the ids asked for. */
async function sourcesOf(client: FlowServiceClient, baseIds: readonly string[], options: ResolveOptions, out: ResolvedDataflows): Promise<RemoteSourceConnection[]> {
  const asked = new Set(baseIds);
  const batches = await mapBounded(chunk(baseIds), options.concurrency ?? 4, (ids) => client.listSourceConnectionsOf(ids, { sandbox: options.sandbox, signal: options.signal }));
  const kept: RemoteSourceConnection[] = [];
  for (const batch of batches) {
    if (batch.status === "rejected") throw batch.reason;
    out.requests += batch.value.requestIds.length;
    out.requestIds.push(...batch.value.requestIds.slice(0, 2));
    for (const source of batch.value.sourceConnections) {
      if (source.sandboxName !== undefined && source.sandboxName !== options.sandbox) {
        out.skipped.push({ id: source.id, name: source.name, reason: "other-sandbox", sandboxName: source.sandboxName });
      } else if (!source.baseConnectionId || !asked.has(source.baseConnectionId)) {
        out.skipped.push({ id: source.id, name: source.name, reason: "unrequested-base" });
      } else if (!out.sources.has(source.id)) {
        out.sources.set(source.id, source);
        kept.push(source);
      }
    }
  }
  return kept;
}

export async function resolveDataflows(client: FlowServiceClient, baseIds: readonly string[], options: ResolveOptions): Promise<ResolvedDataflows> {
  const out: ResolvedDataflows = { flowsByBase: new Map(), sources: new Map(), skipped: [], requests: 0, requestIds: [] };
  const unique = [...new Set(baseIds)];
  if (unique.length === 0) return out;
  const sources = await sourcesOf(client, unique, options, out);
  if (sources.length === 0) return out;
  const batches = await mapBounded(chunk(sources.map((s) => s.id)), options.concurrency ?? 4, (ids) => client.listFlowsOf(ids, { sandbox: options.sandbox, signal: options.signal }));
  for (const batch of batches) {
    if (batch.status === "rejected") throw batch.reason;
    out.requests += batch.value.requestIds.length;
    out.requestIds.push(...batch.value.requestIds.slice(0, 2));
    for (const flow of batch.value.flows) {
      if (flow.sandboxName !== undefined && flow.sandboxName !== options.sandbox) continue;
      const bases = new Set(flow.sourceConnectionIds.map((id) => out.sources.get(id)?.baseConnectionId).filter((id): id is string => Boolean(id)));
      for (const base of bases) {
        const list = out.flowsByBase.get(base) ?? [];
        if (!list.some((known) => known.id === flow.id)) list.push(flow);
        out.flowsByBase.set(base, list);
      }
    }
  }
  return out;
}
