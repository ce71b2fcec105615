/**
 * Runs of live flows: when a run falls due on the simulator clock, its copy step is tried for
 * real, by listing the source folder with the base connection's current credentials through S3.
 * An expired session token fails the run with AEP's error; after a rotation the next run reads
 * again. Evaluations are serialised (one pass at a time), so no run is recorded twice.
 *
 * A flow that fell far behind (the clock jumped, the simulator was stopped) records at most
 * MAX_CATCH_UP of its missed runs, all judged with the credentials of the moment: a simulator
 * cannot know what S3 would have answered in the past.
 */
import { randomUUID } from "node:crypto";
import type { StoredFlow, StoredRun, StoredSourceConnection } from "./dataflow-model";
import type { DataflowStore } from "./dataflow-store";
import { probeSource, type S3AccessConfig } from "./s3-access";
import { indexesBetween, runTime } from "./schedule";
import type { StoredConnection } from "./types";

export const MAX_CATCH_UP = 4;

export interface LiveRunDeps {
  store: DataflowStore;
  /** The base connection of a source connection, wherever it is stored; undefined when gone. */
  baseOf(source: StoredSourceConnection): StoredConnection | undefined;
  s3: S3AccessConfig;
  now: () => number;
}

/** Folder of a source path "/bucket/folder/…" inside the connection's bucket. */
function folderOf(path: string, bucket: string | undefined): string | undefined {
  const trimmed = path.replace(/^\/+/, "");
  if (!bucket) return undefined;
  return trimmed === bucket ? "" : trimmed.startsWith(`${bucket}/`) ? trimmed.slice(bucket.length + 1) : undefined;
}

async function evaluate(flow: StoredFlow, deps: LiveRunDeps, now: number): Promise<StoredRun[]> {
  // A new flow whose start lies in the past gets its latest missed runs at once (a history).
  const from = flow.evaluatedUntil ?? flow.schedule.startTime * 1000 - 1;
  const due = flow.state === "enabled" ? indexesBetween(flow.schedule, from, now).slice(-MAX_CATCH_UP) : [];
  if (due.length === 0) return [];
  const source = deps.store.source(flow.sourceConnectionId);
  const base = source && source.baseDeletedAt === undefined ? deps.baseOf(source) : undefined;
  const outcome = base && source ? await probeSource(base, deps.s3, folderOf(source.path, base.auth.params.bucketName)) : ({ ok: false, code: "ConnectionNotFound" } as const);
  return due.map((index) => {
    const at = runTime(flow.schedule, index);
    const run: StoredRun = {
      id: randomUUID(),
      flowId: flow.id,
      sandboxName: flow.sandboxName,
      at,
      startedAt: at + 1_000,
      completedAt: at + 4_000,
      status: outcome.ok ? "success" : "failed",
      files: outcome.ok ? outcome.files : 0,
      bytes: outcome.ok ? outcome.bytes : 0,
      baseConnectionId: source?.baseConnectionId ?? "",
    };
    if (!outcome.ok) {
      run.errorCode = outcome.code;
      if ("accessKeyId" in outcome && outcome.accessKeyId) run.accessKeyId = outcome.accessKeyId;
    }
    return run;
  });
}

export function createLiveRunner(deps: LiveRunDeps) {
  let chain: Promise<unknown> = Promise.resolve();
  /** Evaluates every live flow (of one sandbox, or all) whose next run is due. */
  function materialize(sandbox?: string): Promise<number> {
    const pass = chain.then(async () => {
      const now = deps.now();
      let recorded = 0;
      for (const flow of deps.store.liveFlows()) {
        if (sandbox !== undefined && flow.sandboxName !== sandbox) continue;
        const runs = await evaluate(flow, deps, now);
        deps.store.addRuns(runs);
        recorded += runs.length;
        if (runs.length > 0 || flow.state !== "enabled") deps.store.updateFlow(flow.id, { evaluatedUntil: now });
      }
      return recorded;
    });
    chain = pass.catch(() => undefined);
    return pass;
  }
  return { materialize };
}

export type LiveRunner = ReturnType<typeof createLiveRunner>;
