/** Parsed dataflow resources: what the console keeps of source connections, flows and runs. */
import type { CallOptions } from "./types";

/** Adobe's batch form takes a comma-separated list; this many ids per request keeps URLs short. */
export const MAX_IDS_PER_CALL = 100;

export interface RemoteSourceConnection {
  id: string;
  name: string;
  /** The base connection it reads through (null when the server sent none). */
  baseConnectionId: string | null;
  /** As the server reported it; may differ from the sandbox asked for (see lib/dataflows). */
  sandboxName?: string;
  state?: string;
  path?: string;
}

export interface FlowSchedule {
  /** once | minute | hour | day | week, as Adobe names them. */
  frequency: string;
  interval?: number;
  /** Epoch seconds. */
  startTime?: number;
}

export interface RemoteFlow {
  id: string;
  name: string;
  state: string;
  sandboxName?: string;
  sourceConnectionIds: string[];
  schedule?: FlowSchedule;
  /** From lastRunDetails: no run call needed for the latest status. */
  lastRun?: { id?: string; status: string; startedAt?: number; completedAt?: number };
  createdAt?: number;
  updatedAt?: number;
}

/** A run's error, already stripped of anything that looks like a credential. */
export interface RunError {
  code?: string;
  message: string;
}

export interface RemoteRun {
  id: string;
  flowId?: string;
  /** When the run was created (its scheduled time), epoch ms. */
  createdAt?: number;
  sandboxName?: string;
  /** success | failed | inProgress (lowercase as Adobe writes it; compare case-insensitively). */
  status: string;
  startedAt?: number;
  completedAt?: number;
  errors: RunError[];
}

export interface DataflowListOptions extends CallOptions {
  /** Items per page (the server may cap it). Default 100. */
  pageSize?: number;
}

export interface RunListOptions extends CallOptions {
  /** Extra `property` filters, e.g. "metrics.statusSummary.status==success", "createdAt>1700000000000". */
  filters?: string[];
  /** e.g. "-createdAt" (newest first). */
  orderBy?: string;
  /** One page of at most this many runs (1–100). Run lists can be huge: never paged through. */
  limit?: number;
}
