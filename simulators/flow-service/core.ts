/** State operations shared by the control API and the in-process handle. */
import type { SimClock } from "../clock";
import type { SimulatorControl } from "./control";
import { buildDataflows } from "./dataflow-control";
import { seedDataflows } from "./dataflow-seed";
import type { DataflowStore } from "./dataflow-store";
import { newEtag } from "./etag";
import type { FaultRegistry } from "./faults";
import type { LiveRunner } from "./live-runs";
import { formatLatencyProfile, parseLatencyProfile, type SimLatency } from "./latency";
import type { TokenIssuer } from "./ims";
import type { RequestLog } from "./request-log";
import { seedConnections } from "./seed";
import type { ConnectionStore } from "./store";
import type { StoredConnection } from "./types";
import { toPublicConnection } from "./view";

export interface SimCore extends SimulatorControl {
  /** Connections of a sandbox as the API shows them (secrets masked). */
  connections(sandbox?: string): Record<string, unknown>[];
  /** The stored connection, secrets included. In-process test helper; never exposed over HTTP. */
  rawConnection(id: string): StoredConnection | undefined;
}

export function createCore(deps: {
  store: ConnectionStore;
  dataflows: DataflowStore;
  runner: LiveRunner;
  faults: FaultRegistry;
  latency: SimLatency;
  log: RequestLog;
  tokens: TokenIssuer;
  orgId: string;
  clientId: string;
  sandboxes: readonly string[];
  now: () => number;
  clock: SimClock;
}): SimCore {
  const defaultSandbox = deps.sandboxes[0] ?? "prod";
  return {
    addFault: (spec) => deps.faults.add(spec),
    clearFaults: () => deps.faults.clear(),
    listFaults: () => deps.faults.list(),
    touch(id) {
      const current = deps.store.findAnywhere(id);
      if (!current) return undefined;
      const now = deps.now();
      const next: StoredConnection = {
        ...current,
        etag: newEtag(now),
        updatedAt: Math.max(now, current.updatedAt + 1),
        updatedBy: "out-of-band@AdobeID",
        updatedClient: "flow-service-simulator",
      };
      deps.store.put(next);
      return { id, etag: next.etag };
    },
    seed(count, sandbox = defaultSandbox) {
      if (!deps.store.hasSandbox(sandbox)) throw new Error(`Unknown sandbox ${sandbox}`);
      const items = seedConnections({ count, sandbox, clientId: deps.clientId, startIndex: deps.store.count(sandbox) });
      deps.store.putMany(items);
      const seeded = seedDataflows(items, { clientId: deps.clientId, now: deps.now() });
      deps.dataflows.putSources(seeded.sources);
      deps.dataflows.putFlows(seeded.flows);
      return items.length;
    },
    async addDataflows(input) {
      const built = buildDataflows(input, { findConnection: (id) => deps.store.findAnywhere(id), sandboxes: deps.sandboxes, now: deps.now(), clientId: deps.clientId });
      deps.dataflows.putSources([built.source]);
      deps.dataflows.putFlows(built.flows);
      await deps.runner.materialize(built.source.sandboxName);
      return { sourceConnectionId: built.source.id, flowIds: built.flows.map((f) => f.id) };
    },
    reset() {
      deps.store.clear();
      deps.dataflows.clear();
      deps.faults.clear();
      deps.log.clear();
    },
    latency: () => formatLatencyProfile(deps.latency.get()),
    setLatency(text) {
      deps.latency.set(parseLatencyProfile(text));
      return formatLatencyProfile(deps.latency.get());
    },
    requests: () => deps.log.list(),
    clearRequests: () => deps.log.clear(),
    revokeTokens: () => deps.tokens.revokeAll(),
    clockState: () => ({ now: deps.clock.now(), offsetMs: deps.clock.offsetMs() }),
    async advanceClock(ms) {
      deps.clock.advance(ms);
      await deps.clock.settled();
      return { now: deps.clock.now(), offsetMs: deps.clock.offsetMs() };
    },
    connections: (sandbox = defaultSandbox) => deps.store.list(sandbox).map((c) => toPublicConnection(c, deps.orgId)),
    rawConnection: (id) => deps.store.findAnywhere(id),
  };
}
