// Targeted run queries. A flow's run list can hold thousands of runs (every 15 minutes for
// months), so the console never pages through it: each question is one small, filtered page.
//  - latest: the newest runs (5), to show the last finished run and its error;
//  - failing since: the newest successful run, then the first run after it;
//  - around a rotation: the newest run before a time, the first runs after it.
import "server-only";
import type { FlowServiceClient, RemoteRun } from "@/lib/flow-service";
import { runStatus } from "./describe";

export type RunQueryOptions = { sandbox: string; signal?: AbortSignal };

const finished = (run: RemoteRun) => runStatus(run.status) !== "inProgress";

export async function latestRuns(client: FlowServiceClient, flowId: string, options: RunQueryOptions): Promise<RemoteRun[]> {
  return (await client.listRunsOf([flowId], { ...options, orderBy: "-createdAt", limit: 5 })).runs;
}

/**
 * When the current streak of failures began: the first run after the newest success. Without
 * any success in the history Flow Service keeps, the oldest run it has is a lower bound.
 */
export async function failingSince(client: FlowServiceClient, flowId: string, options: RunQueryOptions): Promise<{ at: number; atLeast: boolean } | null> {
  const success = (await client.listRunsOf([flowId], { ...options, filters: ["metrics.statusSummary.status==success"], orderBy: "-createdAt", limit: 1 })).runs[0];
  const after = success?.createdAt;
  const first = (await client.listRunsOf([flowId], { ...options, filters: after === undefined ? [] : [`createdAt>${after}`], orderBy: "createdAt", limit: 1 })).runs[0];
  const at = first?.createdAt ?? first?.startedAt;
  return at === undefined ? null : { at, atLeast: success === undefined };
}

/** The newest finished run created before `time` (epoch ms), if any. */
export async function lastFinishedBefore(client: FlowServiceClient, flowId: string, time: number, options: RunQueryOptions): Promise<RemoteRun | undefined> {
  const { runs } = await client.listRunsOf([flowId], { ...options, filters: [`createdAt<${time}`], orderBy: "-createdAt", limit: 3 });
  return runs.find(finished);
}

/** The first finished run created at or after `time` (epoch ms), if one has run yet. */
export async function firstFinishedAfter(client: FlowServiceClient, flowId: string, time: number, options: RunQueryOptions): Promise<RemoteRun | undefined> {
  const { runs } = await client.listRunsOf([flowId], { ...options, filters: [`createdAt>=${time}`], orderBy: "createdAt", limit: 3 });
  return runs.find(finished);
}

export { finished as isFinishedRun };
