/**
 * The typed Flow Service client: the only code in the console that speaks HTTP to Adobe.
 * Every result and every thrown FlowServiceError carries the x-request-id that was sent.
 */
import { outboundPolicyFromEnv } from "@/lib/net/allowlist";
import { createGuardedFetch } from "@/lib/net/fetch";
import type { FlowServiceConfig } from "./config";
import { IAM_AUTH_TYPE, S3_CONNECTION_SPEC_ID, SECRET_PARAM_NAMES } from "./constants";
import { createConnectionOnce, DEFAULT_CREATE_LOOKUP_SKEW_MS } from "./create";
import { listFlowsOf, listRunsOf, listSourceConnectionsOf } from "./dataflow-listing";
import type { DataflowListOptions, RemoteFlow, RemoteRun, RemoteSourceConnection, RunListOptions } from "./dataflow-types";
import { FlowServiceError } from "./errors";
import { createHttp, type FlowServiceHttp, type RetryMode, type SendSpec } from "./http";
import { createImsTokenProvider, type AccessTokenProvider } from "./ims-token";
import { findConnectionsByName, listAllConnections, listConnectionPages } from "./listing";
import type { FlowServiceObserver } from "./observer";
import { parseBody, toRemoteConnection } from "./parse";
import { defaultSleep, DEFAULT_RETRY_POLICY } from "./retry";
import {
  connectionListSchema,
  connectionSpecListSchema,
  exploreResponseSchema,
  iamRoleConfigSchema,
  patchConnectionResponseSchema,
  testConnectionResponseSchema,
} from "./schemas";
import type { FetchLike, HttpMethod } from "./transport";
import type {
  CallOptions,
  ConnectionPage,
  ConnectionSpecInfo,
  CreateConnectionInput,
  CreateConnectionResult,
  ExploreItem,
  ExploreTarget,
  JsonPatchOp,
  ListConnectionsOptions,
  RemoteConnection,
} from "./types";

export interface FlowServiceDeps {
  /** Default: lib/net's guarded fetch under `config.outbound` (FLOW_SERVICE_URL and ADOBE_IMS_URL are admin-typed). */
  fetch?: FetchLike;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  randomUUID?: () => string;
  /** The request id for a call of `operation` that names none; random when this answers undefined. */
  requestIdFor?: (operation: string) => string | undefined;
  /** Share one token cache between several clients. */
  tokenProvider?: AccessTokenProvider;
  /** Called on every 429 Flow Service answers (with its Retry-After, when given). */
  onRateLimited?: (info: { sandbox?: string; retryAfterMs?: number }) => void;
  /** Told about every request and retry (logs, metrics). */
  observer?: FlowServiceObserver;
}

export interface FlowServiceClient {
  createConnection(input: CreateConnectionInput, opts?: CallOptions): Promise<CreateConnectionResult>;
  getConnection(id: string, opts?: CallOptions): Promise<{ connection: RemoteConnection; requestId: string }>;
  listConnections(opts?: ListConnectionsOptions): Promise<{ connections: RemoteConnection[]; requestIds: string[] }>;
  listConnectionPages(opts?: ListConnectionsOptions): AsyncGenerator<ConnectionPage>;
  findConnectionsByName(name: string, opts?: CallOptions): Promise<{ connections: RemoteConnection[]; requestIds: string[] }>;
  patchConnection(id: string, etag: string, ops: JsonPatchOp[], opts?: CallOptions): Promise<{ id: string; etag: string; requestId: string }>;
  deleteConnection(id: string, etag?: string, opts?: CallOptions): Promise<{ requestId: string; alreadyDeleted: boolean }>;
  testConnection(id: string, opts?: CallOptions): Promise<{ result: boolean; requestId: string }>;
  getConnectionSpec(opts?: CallOptions): Promise<{ spec: ConnectionSpecInfo; requestId: string }>;
  getIamRole(opts?: CallOptions): Promise<{ iamRole: string; requestId: string }>;
  explore(id: string, target: ExploreTarget, opts?: CallOptions): Promise<{ items: ExploreItem[]; requestId: string }>;
  /** Source connections reading through these base connections (at most MAX_IDS_PER_CALL ids), every page. */
  listSourceConnectionsOf(baseConnectionIds: readonly string[], opts?: DataflowListOptions): Promise<{ sourceConnections: RemoteSourceConnection[]; requestIds: string[] }>;
  /** Flows using these source connections (at most MAX_IDS_PER_CALL ids), every page. */
  listFlowsOf(sourceConnectionIds: readonly string[], opts?: DataflowListOptions): Promise<{ flows: RemoteFlow[]; requestIds: string[] }>;
  /** One page of runs of these flows; errors come redacted. */
  listRunsOf(flowIds: readonly string[], opts?: RunListOptions): Promise<{ runs: RemoteRun[]; requestId: string; count?: number }>;
}

export function createFlowServiceClient(config: FlowServiceConfig, deps: FlowServiceDeps = {}): FlowServiceClient {
  if (typeof window !== "undefined") throw new Error("lib/flow-service is server-only: it holds Adobe credentials.");
  const fetchImpl: FetchLike = deps.fetch ?? createGuardedFetch(config.outbound ?? outboundPolicyFromEnv(process.env));
  const now = deps.now ?? Date.now;
  const tokens =
    deps.tokenProvider ??
    createImsTokenProvider(
      { imsUrl: config.imsUrl, clientId: config.clientId, clientSecret: config.clientSecret, scopes: config.scopes, timeoutMs: config.timeoutMs },
      { fetch: fetchImpl, now },
    );
  const http = createHttp(
    { config, tokens, fetch: fetchImpl, now, observer: deps.observer },
    { sleep: deps.sleep ?? defaultSleep, random: deps.random ?? Math.random, randomUUID: deps.randomUUID ?? (() => crypto.randomUUID()), requestIdFor: deps.requestIdFor, onRateLimited: deps.onRateLimited },
    {
      maxRetries: config.maxRetries,
      baseMs: config.backoffBaseMs ?? DEFAULT_RETRY_POLICY.baseMs,
      capMs: config.backoffCapMs ?? DEFAULT_RETRY_POLICY.capMs,
      maxRetryAfterMs: config.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs,
    },
  );
  const skewMs = config.createLookupSkewMs ?? DEFAULT_CREATE_LOOKUP_SKEW_MS;
  const get = (operation: string, path: string, opts: CallOptions, query?: Array<[string, string]>) =>
    simpleSend(http, operation, "GET", path, opts, "idempotent", { query });

  async function getConnection(id: string, opts: CallOptions = {}) {
    const response = await get("getConnection", connectionPath(id, http, opts), opts);
    const body = parseBody(connectionListSchema, response.json, { ...response, what: "connection" });
    const item = body.items.find((candidate) => candidate.id === id) ?? body.items[0];
    if (!item) throw new FlowServiceError({ kind: "not_found", requestId: response.requestId, status: response.status });
    return { connection: toRemoteConnection(item), requestId: response.requestId };
  }

  return {
    createConnection: (input, opts = {}) => createConnectionOnce(http, input, { ...opts, skewMs }),

    getConnection,

    listConnections: (opts = {}) => listAllConnections(http, opts),
    listConnectionPages: (opts = {}) => listConnectionPages(http, opts),
    findConnectionsByName: (name, opts = {}) => findConnectionsByName(http, name, opts),

    async patchConnection(id, etag, ops, opts = {}) {
      const secrets = ops.flatMap((op) =>
        "value" in op && typeof op.value === "string" && SECRET_PARAM_NAMES.some((n) => op.path.endsWith(`/${n}`)) ? [op.value] : [],
      );
      const response = await simpleSend(http, "patchConnection", "PATCH", connectionPath(id, http, opts), opts, "throttle-only", {
        body: ops,
        headers: { "If-Match": etag },
        secrets,
      });
      const body = parseBody(patchConnectionResponseSchema, response.json, { ...response, what: "update" });
      // Adobe returns the new etag; should it ever be missing, read it rather than guess.
      const newEtag = body.etag ?? (await getConnection(body.id, { ...opts, requestId: undefined })).connection.etag;
      return { id: body.id, etag: newEtag, requestId: response.requestId };
    },

    async deleteConnection(id, etag, opts = {}) {
      const response = await simpleSend(http, "deleteConnection", "DELETE", connectionPath(id, http, opts), opts, "idempotent", {
        headers: etag === undefined ? undefined : { "If-Match": etag },
        acceptAfterAmbiguous: [404],
      });
      return { requestId: response.requestId, alreadyDeleted: response.status === 404 };
    },

    async testConnection(id, opts = {}) {
      const response = await get("testConnection", `${connectionPath(id, http, opts)}/test`, opts);
      const body = parseBody(testConnectionResponseSchema, response.json, { ...response, what: "connection test" });
      return { result: body.result, requestId: response.requestId };
    },

    async getConnectionSpec(opts = {}) {
      const response = await get("getConnectionSpec", `/connectionSpecs/${S3_CONNECTION_SPEC_ID}`, opts);
      const body = parseBody(connectionSpecListSchema, response.json, { ...response, what: "connection spec" });
      const item = body.items.find((candidate) => candidate.id === S3_CONNECTION_SPEC_ID);
      if (!item) throw new FlowServiceError({ kind: "bad_response", requestId: response.requestId, detail: "S3 connection spec missing from response." });
      const spec: ConnectionSpecInfo = { id: item.id, name: item.name, version: item.version, providerId: item.providerId, authSpecs: item.authSpec };
      return { spec, requestId: response.requestId };
    },

    async getIamRole(opts = {}) {
      const response = await get("getIamRole", `/connectionSpecs/${S3_CONNECTION_SPEC_ID}/configs`, opts, [["authType", IAM_AUTH_TYPE]]);
      const body = parseBody(iamRoleConfigSchema, response.json, { ...response, what: "IAM role config" });
      return { iamRole: body.configParams.IAMRole, requestId: response.requestId };
    },

    async explore(id, target, opts = {}) {
      // Adobe's explore tutorial writes objectType in lowercase; the OpenAPI enum is uppercase.
      const query: Array<[string, string]> =
        target.objectType === "root" ? [["objectType", "root"]] : [["objectType", "folder"], ["object", target.object]];
      const response = await get("explore", `${connectionPath(id, http, opts)}/explore`, opts, query);
      const items = parseBody(exploreResponseSchema, response.json, { ...response, what: "explore" });
      return { items: items.map(({ type, name, path, canPreview, canFetchSchema }) => ({ type, name, path, canPreview, canFetchSchema })), requestId: response.requestId };
    },

    listSourceConnectionsOf: (ids, opts = {}) => listSourceConnectionsOf(http, ids, opts),
    listFlowsOf: (ids, opts = {}) => listFlowsOf(http, ids, opts),
    listRunsOf: (ids, opts = {}) => listRunsOf(http, ids, opts),
  };
}

async function simpleSend(
  http: FlowServiceHttp,
  operation: string,
  method: HttpMethod,
  path: string,
  opts: CallOptions,
  retry: RetryMode,
  extra: Pick<SendSpec, "query" | "body" | "headers" | "secrets" | "acceptAfterAmbiguous">,
) {
  return http.send({ operation, method, path, retry, sandbox: opts.sandbox, requestId: opts.requestId, signal: opts.signal, ...extra });
}

function connectionPath(id: string, http: FlowServiceHttp, opts: CallOptions): string {
  if (id.trim() === "") {
    throw new FlowServiceError({ kind: "validation", requestId: opts.requestId ?? http.newRequestId(), fields: [{ field: "id", message: "is required" }] });
  }
  return `/connections/${encodeURIComponent(id)}`;
}
