/** Shared setup of integration tests: a fresh simulator, a recording client and a fake S3. */
import { createFlowServiceClient, type FlowServiceConfig } from "@/lib/flow-service";
import { startFlowServiceSimulator, type FlowServiceSimulator, type FlowServiceSimulatorOptions, type S3Adapter } from "@/simulators/flow-service";
import type { RecordedExchange } from "./openapi";

/** An in-memory S3 for test/explore: one account, a few buckets of keys. */
export function createFakeS3(account = { accessKeyId: "AKIAFAKEEXAMPLE00001", secretAccessKey: "fake-secret-key-0001" }) {
  const buckets = new Map<string, string[]>([
    ["acme-landing", ["incoming/2024/a.csv", "incoming/2024/b.json", "incoming/readme.txt", "exports/x.parquet", "top.csv"]],
  ]);
  const calls: Array<{ bucket: string; prefix: string; accessKeyId: string; endpoint?: string }> = [];
  const adapter: S3Adapter = {
    async listFolder(target) {
      calls.push({ bucket: target.bucket, prefix: target.prefix, accessKeyId: target.credentials.accessKeyId, endpoint: target.endpoint });
      if (target.credentials.accessKeyId !== account.accessKeyId) return { ok: false, error: { code: "InvalidAccessKeyId", message: "unknown key" } };
      if (target.credentials.secretAccessKey !== account.secretAccessKey) return { ok: false, error: { code: "SignatureDoesNotMatch", message: "bad signature" } };
      const keys = buckets.get(target.bucket);
      if (!keys) return { ok: false, error: { code: "NoSuchBucket", message: "no bucket" } };
      const folders = new Set<string>();
      const files: { key: string; size: number }[] = [];
      for (const key of keys) {
        if (!key.startsWith(target.prefix)) continue;
        const rest = key.slice(target.prefix.length);
        const slash = rest.indexOf("/");
        if (slash === -1) files.push({ key, size: rest.length });
        else folders.add(`${target.prefix}${rest.slice(0, slash + 1)}`);
      }
      return { ok: true, folders: [...folders], files };
    },
  };
  return { adapter, account, buckets, calls };
}

export function recordingFetch(exchanges: RecordedExchange[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const bodyText = await response.clone().text().catch(() => "");
    exchanges.push({ method: init?.method ?? "GET", url: String(input), status: response.status, bodyText });
    return response;
  };
}

export interface Harness {
  sim: FlowServiceSimulator;
  config: FlowServiceConfig;
  client: ReturnType<typeof createFlowServiceClient>;
  exchanges: RecordedExchange[];
  sleeps: number[];
  s3: ReturnType<typeof createFakeS3>;
  /** Another client on the same simulator, e.g. with different settings. */
  clientWith(overrides: Partial<FlowServiceConfig>): ReturnType<typeof createFlowServiceClient>;
  close(): Promise<void>;
}

export async function startHarness(options: { sim?: FlowServiceSimulatorOptions; config?: Partial<FlowServiceConfig> } = {}): Promise<Harness> {
  const s3 = createFakeS3();
  const sim = await startFlowServiceSimulator({ s3: s3.adapter, ...options.sim });
  const exchanges: RecordedExchange[] = [];
  const sleeps: number[] = [];
  const config: FlowServiceConfig = {
    baseUrl: sim.url,
    imsUrl: sim.imsUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    orgId: sim.orgId,
    scopes: "openid,AdobeID,read_organizations,additional_info.projectedProductContext,session",
    defaultSandbox: "prod",
    timeoutMs: 2_000,
    maxRetries: 3,
    ...options.config,
  };
  // Backoff sleeps are recorded instead of waited for: the tests check them, not the clock.
  const deps = { fetch: recordingFetch(exchanges), sleep: async (ms: number) => void sleeps.push(ms) };
  return {
    sim,
    config,
    client: createFlowServiceClient(config, deps),
    exchanges,
    sleeps,
    s3,
    clientWith: (overrides) => createFlowServiceClient({ ...config, ...overrides }, deps),
    close: () => sim.close(),
  };
}

/** Raw request to the simulator with valid gateway headers unless overridden. */
export async function rawRequest(
  sim: FlowServiceSimulator,
  method: string,
  path: string,
  options: { headers?: Record<string, string | undefined>; body?: string } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = {};
  const defaults: Record<string, string | undefined> = {
    Authorization: `Bearer ${sim.issueToken()}`,
    "x-api-key": sim.clientId,
    "x-gw-ims-org-id": sim.orgId,
    "x-sandbox-name": "prod",
    ...options.headers,
  };
  for (const [key, value] of Object.entries(defaults)) if (value !== undefined) headers[key] = value;
  const response = await fetch(`${sim.url}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: response.status, body, headers: response.headers };
}
