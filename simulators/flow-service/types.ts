/** Types shared by the Flow Service simulator's modules. */
import type { SimClock } from "../clock";

/** What a handler answers; the server decides how (or whether, for faults) to write it. */
export interface SimResponse {
  status: number;
  /** JSON-serialisable body; undefined means an empty body (e.g. 204). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type AuthSpecName = "Access Key" | "IAMRole Based";

/** A connection as the simulator stores it, secrets included (never sent back). */
export interface StoredConnection {
  id: string;
  name: string;
  description?: string;
  sandboxName: string;
  connectionSpec: { id: string; version: string };
  state: "enabled" | "disabled";
  auth: { specName: AuthSpecName; params: Record<string, string> };
  /** Quoted entity tag, e.g. "\"1700d77b-0000-0200-0000-5e3b41a10000\"". */
  etag: string;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  updatedBy: string;
  createdClient: string;
  updatedClient: string;
  /** When a PATCH last changed auth params (a rotation): dataflow runs after it use the new ones. */
  authUpdatedAt?: number;
}

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3ListTarget {
  bucket: string;
  prefix: string;
  region?: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials: S3Credentials;
}

export type S3ListResult =
  | { ok: true; folders: string[]; files: { key: string; size: number }[] }
  | { ok: false; error: { code: string; message: string } };

/** The slice of lib/s3 the simulator needs; injectable so tests can use a fake. */
export interface S3Adapter {
  listFolder(target: S3ListTarget, opts?: { maxKeys?: number; signal?: AbortSignal }): Promise<S3ListResult>;
}

export interface FlowServiceSimulatorOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** JSON file for persistence; when set, state survives restarts. */
  dataFile?: string;
  /** Number of synthetic S3 connections (0..10,000) created in the first sandbox when it is empty. */
  seed?: number;
  clientId?: string;
  clientSecret?: string;
  orgId?: string;
  /** Known sandboxes; default ["prod", "dev"]. The first one receives the seed. */
  sandboxes?: string[];
  /** Local S3 endpoint used for test/explore (path-style). */
  s3Endpoint?: string;
  /** S3 access; defaults to lib/s3 imported lazily. */
  s3?: S3Adapter;
  /**
   * Credentials standing in for "AEP's IAM role" when testing or exploring an "IAMRole Based"
   * connection. Without them such connections test false and cannot be explored.
   */
  aepRoleCredentials?: S3Credentials;
  /** ARN returned by the IAM role configs endpoint. */
  iamRoleArn?: string;
  /** Lifetime of issued IMS tokens. Default 86,399 s like Adobe IMS. */
  tokenTtlSeconds?: number;
  /** How often live dataflows are checked for runs that fell due (real time). Default 5 s. */
  runTickMs?: number;
  /** Debounce of dataFile writes. Default 100 ms. */
  persistDebounceMs?: number;
  /**
   * Delay added to every Flow Service and IMS request, as the text of FLOW_SIM_LATENCY
   * (latency.ts: "fixed:1", "lognormal:median=100,p95=300"). Default none: loopback speed.
   */
  latency?: string;
  /** Requests kept in the request log (a ring buffer). Default 1,000. */
  requestLogCapacity?: number;
  /** Clock, injectable for tests. Default: `clock.now`. */
  now?: () => number;
  /**
   * The simulators' shared clock (simulators/clock.ts): credential expiry and dataflow schedules
   * follow it, and POST /__sim/clock moves it forward. One is created when absent.
   */
  clock?: SimClock;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  query: string;
  status: number;
  requestId: string;
  durationMs: number;
  /** Set when a fault replaced the normal behaviour. */
  fault?: string;
}

export type FaultKind = "status" | "latency" | "drop" | "drop-after-commit" | "hang";

export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Regular expression (source) matched against the full path, e.g. "/connections$". */
  pathPattern?: string;
  kind: FaultKind;
  status?: number;
  body?: unknown;
  retryAfterSeconds?: number;
  latencyMs?: number;
  /** How many matching requests the fault affects. Default 1. */
  times?: number;
}
