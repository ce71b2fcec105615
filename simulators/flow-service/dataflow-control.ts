/**
 * POST /__sim/dataflows: one source connection over a base connection, and its flows. The
 * console never creates dataflows (it only reads them), so tests and the local demo make them
 * here instead of through POST /sourceConnections and POST /flows.
 *
 *   { sandbox?, baseConnectionId, name?, path?, leakIntoSandbox?,
 *     flows: [{ name, mode?: "live"|"synthetic", frequency?, interval?, startTime?, state?,
 *               failure?: "ExpiredToken"|"AccessDenied", failingSinceMs? }] }
 *   → 201 { sourceConnectionId, flowIds }
 *
 * Live flows (the default) run for real on the clock: their first runs are evaluated before the
 * answer (startTime defaults to three periods ago). Synthetic flows follow `failure`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Frequency, SeededFailureCode, StoredFlow, StoredSourceConnection } from "./dataflow-model";
import { newEtag } from "./etag";
import { periodMs, scheduleProblem } from "./schedule";
import type { StoredConnection } from "./types";
import { isPlainObject } from "./validation";

export interface DataflowSpecResult {
  sourceConnectionId: string;
  flowIds: string[];
}

const FREQUENCIES: readonly Frequency[] = ["once", "minute", "hour", "day", "week"];
const FAILURES: readonly SeededFailureCode[] = ["ExpiredToken", "AccessDenied"];
const MAX_FLOWS = 50;

function text(value: unknown, max: number): string | undefined {
  return typeof value === "string" && value.trim() !== "" && value.length <= max ? value : undefined;
}

/** Validates the body; throws an Error whose message the control API returns as a 400. */
export function buildDataflows(
  input: Record<string, unknown>,
  deps: { findConnection(id: string): StoredConnection | undefined; sandboxes: readonly string[]; now: number; clientId: string },
): { source: StoredSourceConnection; flows: StoredFlow[] } {
  const baseId = text(input.baseConnectionId, 200);
  if (!baseId) throw new Error("baseConnectionId is required");
  const base = deps.findConnection(baseId);
  if (!base) throw new Error(`no base connection with id ${baseId}`);
  const sandbox = input.sandbox === undefined ? base.sandboxName : text(input.sandbox, 100);
  if (!sandbox || !deps.sandboxes.includes(sandbox)) throw new Error("sandbox must be one of the simulator's sandboxes");
  const leak = input.leakIntoSandbox === undefined ? undefined : text(input.leakIntoSandbox, 100);
  if (input.leakIntoSandbox !== undefined && (!leak || !deps.sandboxes.includes(leak))) throw new Error("leakIntoSandbox must be one of the simulator's sandboxes");
  if (!Array.isArray(input.flows) || input.flows.length === 0 || input.flows.length > MAX_FLOWS) throw new Error(`flows must list 1 to ${MAX_FLOWS} flows`);

  const by = `${deps.clientId}@AdobeID`;
  const audit = { createdAt: deps.now, updatedAt: deps.now, createdBy: by, updatedBy: by, createdClient: deps.clientId, updatedClient: deps.clientId };
  const bucket = base.auth.params.bucketName ?? "";
  const folder = base.auth.params.folderPath ?? "";
  const source: StoredSourceConnection = {
    id: randomUUID(),
    sandboxName: sandbox,
    name: text(input.name, 256) ?? `${base.name} source`,
    baseConnectionId: baseId,
    format: "delimited",
    path: text(input.path, 1024) ?? `/${[bucket, folder].filter(Boolean).join("/")}`,
    etag: newEtag(deps.now),
    ...(leak ? { leakIntoSandbox: leak } : {}),
    ...audit,
  };

  const flows = input.flows.map((raw, index): StoredFlow => {
    if (!isPlainObject(raw)) throw new Error(`flows[${index}] must be an object`);
    const name = text(raw.name, 256);
    if (!name) throw new Error(`flows[${index}].name is required`);
    const mode = raw.mode === undefined ? "live" : raw.mode;
    if (mode !== "live" && mode !== "synthetic") throw new Error(`flows[${index}].mode must be live or synthetic`);
    const frequency = (raw.frequency ?? "minute") as Frequency;
    if (!FREQUENCIES.includes(frequency)) throw new Error(`flows[${index}].frequency must be once, minute, hour, day or week`);
    const interval = raw.interval === undefined ? (frequency === "minute" ? 15 : 1) : Number(raw.interval);
    const period = periodMs({ startTime: 0, frequency, interval }) ?? 0;
    // By default a flow started a few periods ago, so it has a run history at once.
    const lookBack = mode === "live" ? 3 * period : 30 * 86_400_000;
    const startTime = raw.startTime === undefined ? Math.floor((deps.now - lookBack) / 1000) : Number(raw.startTime);
    const schedule = { startTime, frequency, interval };
    const problem = scheduleProblem(schedule);
    if (problem) throw new Error(`flows[${index}]: ${problem}`);
    const state = raw.state === undefined ? "enabled" : raw.state;
    if (state !== "enabled" && state !== "disabled") throw new Error(`flows[${index}].state must be enabled or disabled`);
    let failure: StoredFlow["failure"];
    if (raw.failure !== undefined) {
      if (mode !== "synthetic") throw new Error(`flows[${index}].failure applies to synthetic flows only (live flows read S3)`);
      if (!FAILURES.includes(raw.failure as SeededFailureCode)) throw new Error(`flows[${index}].failure must be ExpiredToken or AccessDenied`);
      const since = raw.failingSinceMs === undefined ? deps.now - 3_600_000 : Number(raw.failingSinceMs);
      if (!Number.isFinite(since)) throw new Error(`flows[${index}].failingSinceMs must be epoch milliseconds`);
      failure = { code: raw.failure as SeededFailureCode, since };
    }
    return {
      id: randomUUID(),
      sandboxName: sandbox,
      name,
      state,
      sourceConnectionId: source.id,
      targetConnectionId: randomUUID(),
      mappingId: randomBytes(16).toString("hex"),
      schedule,
      etag: newEtag(deps.now),
      mode,
      ...(failure ? { failure } : {}),
      ...audit,
    };
  });
  return { source, flows };
}
