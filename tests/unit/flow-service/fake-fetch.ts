/**
 * A scripted stand-in for fetch, for unit tests of the Flow Service client: IMS answers with
 * numbered tokens, Flow Service calls consume scripted steps in order and are recorded.
 */
import type { FlowServiceConfig } from "@/lib/flow-service";

export const TEST_CONFIG: FlowServiceConfig = {
  baseUrl: "https://flow.test/data/foundation/flowservice",
  imsUrl: "https://ims.test/ims/token/v3",
  clientId: "client-id",
  clientSecret: "client-secret-value",
  orgId: "ORG@AdobeOrg",
  scopes: "openid,AdobeID",
  defaultSandbox: "prod",
  timeoutMs: 1_000,
  maxRetries: 3,
};

export type Step =
  | { status: number; body?: unknown; headers?: Record<string, string>; rawBody?: string }
  | { error: unknown }
  | { hang: true }
  | ((call: RecordedCall, init?: RequestInit) => Response | Promise<Response>);

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body?: string;
}

export function jsonResponse(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined ? null : JSON.stringify(body);
  return new Response(status === 204 ? null : text, { status, headers: { "content-type": "application/json", ...headers } });
}

/** A socket-level failure shaped like undici's: TypeError("fetch failed", { cause: { code } }). */
export function socketError(code: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
}

export function createFakeFetch(steps: Step[], options: { tokenTtlSeconds?: number; imsStatus?: number; imsBody?: unknown } = {}) {
  const calls: RecordedCall[] = [];
  const imsBodies: string[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const call: RecordedCall = { url, method: init?.method ?? "GET", headers: new Headers(init?.headers), body: typeof init?.body === "string" ? init.body : undefined };
    if (url.startsWith(TEST_CONFIG.imsUrl)) {
      imsBodies.push(call.body ?? "");
      await Promise.resolve();
      if (options.imsStatus !== undefined) return jsonResponse(options.imsStatus, options.imsBody);
      return jsonResponse(200, { access_token: `token-${imsBodies.length}`, token_type: "bearer", expires_in: options.tokenTtlSeconds ?? 86_399 });
    }
    calls.push(call);
    const step = steps.shift();
    if (step === undefined) throw new Error(`No scripted response left for ${call.method} ${url}`);
    if (typeof step === "function") return step(call, init);
    if ("error" in step) throw step.error;
    if ("hang" in step) {
      return new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    }
    if (step.rawBody !== undefined) return new Response(step.rawBody, { status: step.status, headers: step.headers });
    return jsonResponse(step.status, step.body, step.headers);
  };
  return { fetch: fetchFn as typeof fetch, calls, imsBodies, remaining: () => steps.length };
}

/** Deterministic deps: sleeps are recorded, not waited; ids are sequential. */
export function testDeps() {
  const sleeps: number[] = [];
  let id = 0;
  let clock = 1_700_000_000_000;
  return {
    sleeps,
    advance(ms: number) {
      clock += ms;
    },
    deps: {
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
      now: () => clock,
      random: () => 0.5,
      randomUUID: () => `req-${++id}`,
    },
  };
}

export const CONNECTION_DTO = {
  id: "4cb0c374-d3bb-4557-b139-5712880adc55",
  name: "Amazon S3 base connection",
  description: "Amazon S3 base connection with temporary session token",
  connectionSpec: { id: "ecadc60c-7455-4d87-84dc-2a0e293d997b", version: "1.0" },
  state: "enabled",
  auth: { specName: "Access Key", params: { s3AccessKey: "AKIA****1234", s3SecretKey: "********", bucketName: "acme-data" } },
  etag: '"1700d77b-0000-0200-0000-5e3b41a10000"',
  version: '"1700d77b-0000-0200-0000-5e3b41a10000"',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  sandboxName: "prod",
  imsOrgId: "ORG@AdobeOrg",
};
