/** startFlowServiceSimulator(): wires store, persistence, IMS, faults and the HTTP server. */
import { createSimClock, type SimClock } from "../clock";
import { createCore, type SimCore } from "./core";
import { seedDataflows } from "./dataflow-seed";
import { DataflowStore } from "./dataflow-store";
import { createLiveRunner } from "./live-runs";
import { parseLatencyProfile, SimLatency } from "./latency";
import { FaultRegistry } from "./faults";
import { TokenIssuer } from "./ims";
import { createPersistence, loadSnapshot, type Persistence } from "./persistence";
import { RequestLog } from "./request-log";
import { lazyLibS3Adapter } from "./s3-access";
import { MAX_SEED, seedConnections } from "./seed";
import { BASE_PATH, createSimulatorServer } from "./server";
import { ConnectionStore } from "./store";
import type { FlowServiceSimulatorOptions } from "./types";

export const SIMULATOR_DEFAULTS = {
  clientId: "console-local",
  clientSecret: "local-secret-change-me",
  orgId: "LOCALORG@AdobeOrg",
  sandboxes: ["prod", "dev"],
  iamRoleArn: "arn:aws:iam::123456789012:role/aep-flow-service-s3-reader",
  tokenTtlSeconds: 86_399,
} as const;

export interface FlowServiceSimulator extends SimCore {
  /** Base URL including /data/foundation/flowservice. */
  url: string;
  imsUrl: string;
  origin: string;
  port: number;
  clientId: string;
  clientSecret: string;
  orgId: string;
  sandboxes: readonly string[];
  iamRoleArn: string;
  /** The clock this simulator runs on (shared with the other simulators when one was passed). */
  clock: SimClock;
  /** A valid access token without going through the token endpoint. */
  issueToken(): string;
  /** Write pending state to dataFile now. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startFlowServiceSimulator(options: FlowServiceSimulatorOptions = {}): Promise<FlowServiceSimulator> {
  const clock = options.clock ?? createSimClock();
  const now = options.now ?? (() => clock.now());
  const sandboxes = options.sandboxes && options.sandboxes.length > 0 ? [...options.sandboxes] : [...SIMULATOR_DEFAULTS.sandboxes];
  const clientId = options.clientId ?? SIMULATOR_DEFAULTS.clientId;
  const clientSecret = options.clientSecret ?? SIMULATOR_DEFAULTS.clientSecret;
  const orgId = options.orgId ?? SIMULATOR_DEFAULTS.orgId;
  const iamRoleArn = options.iamRoleArn ?? SIMULATOR_DEFAULTS.iamRoleArn;
  if (!/^arn:aws:iam::\d{12}:role\/.+$/.test(iamRoleArn)) throw new Error("iamRoleArn must look like arn:aws:iam::<12 digits>:role/<name>");

  let persistence: Persistence | undefined;
  const store = new ConnectionStore(sandboxes, () => persistence?.schedule());
  const dataflows = new DataflowStore(() => persistence?.schedule());
  if (options.dataFile) {
    const snapshot = loadSnapshot(options.dataFile);
    if (snapshot) {
      store.load(snapshot);
      dataflows.load(snapshot.dataflows, sandboxes);
    }
    persistence = createPersistence(options.dataFile, () => ({ ...store.snapshot(), dataflows: dataflows.snapshot() }), options.persistDebounceMs ?? 100);
  }
  const seed = Math.max(0, Math.min(MAX_SEED, Math.floor(options.seed ?? 0)));
  const firstSandbox = sandboxes[0] ?? "prod";
  // Seed only an empty sandbox, so a persisted simulator is not seeded again on every restart.
  if (seed > 0 && store.count(firstSandbox) === 0) {
    const seeded = seedConnections({ count: seed, sandbox: firstSandbox, clientId });
    store.putMany(seeded);
    const flows = seedDataflows(seeded, { clientId, now: now() });
    dataflows.putSources(flows.sources);
    dataflows.putFlows(flows.flows);
  }

  const tokens = new TokenIssuer({ clientId, clientSecret, orgId, ttlSeconds: options.tokenTtlSeconds ?? SIMULATOR_DEFAULTS.tokenTtlSeconds }, now);
  const faults = new FaultRegistry();
  const latency = new SimLatency(parseLatencyProfile(options.latency));
  const log = new RequestLog(options.requestLogCapacity);
  const s3 = { s3: options.s3 ?? lazyLibS3Adapter(options.s3Endpoint), s3Endpoint: options.s3Endpoint, aepRoleCredentials: options.aepRoleCredentials };
  const baseOf = (source: { baseConnectionId: string }) => store.findAnywhere(source.baseConnectionId);
  const runner = createLiveRunner({ store: dataflows, baseOf, s3, now });
  const core = createCore({ store, dataflows, runner, faults, latency, log, tokens, orgId, clientId, sandboxes, now, clock });
  const state = {
    store,
    dataflows: { store: dataflows, runner, baseOf },
    orgId,
    now,
    iamRoleArn,
    basePath: BASE_PATH,
    s3,
  };
  const http = createSimulatorServer({ core, state, tokens, faults, latency, log, config: { clientId, orgId, sandboxes } });
  // Live flows run when they fall due: on a moved clock at once, otherwise within a few seconds.
  const stopListening = clock.onAdvance(() => runner.materialize().then(() => undefined));
  const ticker = setInterval(() => void runner.materialize().catch(() => undefined), options.runTickMs ?? 5_000);
  ticker.unref();
  const address = await http.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const origin = `http://${hostForUrl}:${address.port}`;

  return {
    ...core,
    url: `${origin}${BASE_PATH}`,
    imsUrl: `${origin}/ims/token/v3`,
    origin,
    port: address.port,
    clientId,
    clientSecret,
    orgId,
    sandboxes,
    iamRoleArn,
    clock,
    issueToken: () => tokens.issue(),
    flush: async () => {
      await persistence?.flush();
    },
    async close() {
      clearInterval(ticker);
      stopListening();
      await http.close();
      await persistence?.close();
    },
  };
}
