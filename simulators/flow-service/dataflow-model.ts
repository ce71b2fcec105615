/**
 * The dataflow side of the simulator: source connections (which base connection a flow reads
 * through), flows (schedule, state) and their runs.
 *
 * Two kinds of flow, because the simulator must serve both a 10,000-connection inventory and a
 * demo whose runs really read S3:
 * - "synthetic" flows (seeded for synthetic connections, whose keys S3 does not know) have
 *   virtual runs: computed from the schedule and the clock when asked, never stored. A seeded
 *   failure (ExpiredToken, AccessDenied) fails every run from `failure.since` until the base
 *   connection's credentials are patched; runs after that patch succeed.
 * - "live" flows have stored runs, each evaluated when it falls due by reading the bucket with the
 *   base connection's current credentials through S3 (the S3 test server in the stack): an
 *   expired session token fails the run, a rotation makes the next one succeed.
 */

/** Amazon S3's connection spec (source connections use it too). */
export { S3_SPEC_ID, S3_SPEC_VERSION } from "./connection-spec";
/** The flow spec of cloud-storage sources to the data lake, as in Adobe's examples. */
export const CLOUD_STORAGE_FLOW_SPEC_ID = "9753525b-82c7-4dce-8a9b-5ccfce2b9876";
/** The data lake target connection spec. */
export const DATA_LAKE_TARGET_SPEC_ID = "c604ff05-7f1a-43c0-8e18-33bf874cb11c";

export type Frequency = "once" | "minute" | "hour" | "day" | "week";

export interface Schedule {
  /** Epoch seconds, as the API states it. */
  startTime: number;
  frequency: Frequency;
  /** Units of `frequency` between runs; at least 15 for "minute" (Adobe's rule). */
  interval: number;
}

/** A credential failure the seed gives a synthetic flow. */
export type SeededFailureCode = "ExpiredToken" | "AccessDenied";

export interface Audit {
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  updatedBy: string;
  createdClient: string;
  updatedClient: string;
}

export interface StoredSourceConnection extends Audit {
  id: string;
  sandboxName: string;
  name: string;
  description?: string;
  baseConnectionId: string;
  format: "delimited" | "json" | "parquet";
  path: string;
  etag: string;
  /** Set when the base connection was deleted: runs after that fail. */
  baseDeletedAt?: number;
  /**
   * Fault for the console's defences: the source connection also appears in listings of this
   * (other) sandbox, where its base connection lives. AEP keeps sandboxes apart; a console must
   * still cope with a listing that names an item of another sandbox.
   */
  leakIntoSandbox?: string;
}

export interface StoredFlow extends Audit {
  id: string;
  sandboxName: string;
  name: string;
  description?: string;
  state: "enabled" | "disabled";
  sourceConnectionId: string;
  targetConnectionId: string;
  mappingId: string;
  schedule: Schedule;
  etag: string;
  mode: "synthetic" | "live";
  /** Synthetic flows only: runs fail from `since` until the base connection's credentials change. */
  failure?: { code: SeededFailureCode; since: number };
  /** Live flows only: the last scheduled time already evaluated (epoch ms). */
  evaluatedUntil?: number;
}

/** A live flow's run, as evaluated when it fell due. */
export interface StoredRun {
  id: string;
  flowId: string;
  sandboxName: string;
  /** Scheduled time (the run's createdAt). */
  at: number;
  startedAt: number;
  completedAt: number;
  status: "success" | "failed";
  files: number;
  bytes: number;
  /** S3's code when the run could not read the source; "ConnectionNotFound" when the base is gone. */
  errorCode?: string;
  /** The access key the run used (S3 names it in some errors). */
  accessKeyId?: string;
  baseConnectionId: string;
}

/** What a run looks like before it becomes an API view: stored (live) or computed (synthetic). */
export interface RunRecord {
  id: string;
  flowId: string;
  sandboxName: string;
  at: number;
  startedAt: number;
  /** Undefined while the run is in progress. */
  completedAt?: number;
  status: "success" | "failed" | "inProgress";
  files: number;
  bytes: number;
  errorCode?: string;
  accessKeyId?: string;
  baseConnectionId: string;
}
