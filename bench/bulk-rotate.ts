// #4 Bulk rotation: N connections rotated at concurrency 8 through the rotate server action (as
// the inventory's bulk dialog does) vs the floor: the same N PATCHes sent straight to the
// simulator with the client at concurrency 8. Rounds alternate action, direct, action, direct...
// over the same connections, each round sending the etag the previous round got back, so no
// call meets a 412. Figure: median over rounds of (action throughput / direct throughput).
// Run under a latency profile (latency.ts); an action round and its direct round start from the
// same seed (at concurrency 8 the delays are not met in the same order, but their sum is alike).
import { rotationOps } from "../lib/connections/rotate-token";
import { newToken, SANDBOX_COOKIE, type BenchContext } from "./context";
import { ROTATION_SANDBOX, type RotationTarget } from "./rotation-set";
import { actionId, callAction } from "./server-action";
import { setSimLatency, type LatencyProfile } from "./latency";
import { median, p50, p95, round, runBounded } from "./stats";
import { ms, type Row, type Section } from "./table";
import { startCpuSplit } from "./cpu-split";

export const CONCURRENCY = 8;

/** CPU used during a round: the console server process's per call (all its threads) and as a share of one core, and the share of the machine's cores that was busy. */
type RoundCpu = { serverMsPerCall: number; serverBusy: number; machineBusy: number; machineSteal: number };
type RoundResult = { kind: "action" | "direct"; wallMs: number; perSecond: number; failures: number; latencyP50: number; latencyP95: number; cpu: RoundCpu };

/**
 * Runs a round and reads what it cost in CPU: what makes a miss here a matter of the machine (the
 * server's one JS thread, the cores the whole stack shares) or not.
 */
async function withCpu(serverPid: number, calls: number, round: () => Promise<Omit<RoundResult, "cpu">>): Promise<RoundResult> {
  const stop = startCpuSplit(serverPid);
  const result = await round();
  const { serverMs, machineBusy, machineSteal } = stop();
  return { ...result, cpu: { serverMsPerCall: serverMs / calls, serverBusy: serverMs / result.wallMs, machineBusy, machineSteal } };
}

export type BulkRun = { latency: LatencyProfile; count: number; rounds: number; budget?: number };

export async function measureBulkRotate(ctx: BenchContext, targets: RotationTarget[], run: BulkRun): Promise<Section> {
  const { count, rounds, latency } = run;
  if (targets.length < count) throw new Error(`only ${targets.length} connections to rotate, need ${count}`);
  const set = targets.slice(0, count);
  const rotateId = actionId("rotateTokenAction", "app/(console)/connections/actions.ts");
  const cookies = { [SANDBOX_COOKIE]: ROTATION_SANDBOX };
  // The etag each connection has in Flow Service now; undefined = the stored one is current.
  const etags = new Map<string, string | undefined>(set.map((t) => [t.remoteId, undefined]));
  let tokenIndex = 10_000;
  const results: RoundResult[] = [];
  const reasons = new Map<string, number>();

  const actionRound = async (): Promise<Omit<RoundResult, "cpu">> => {
    let failures = 0;
    const latencies: number[] = [];
    const wallMs = await runBounded(set.length, CONCURRENCY, async (index) => {
      const target = set[index]!;
      const expected = etags.get(target.remoteId);
      const call = await callAction(ctx.session, {
        page: "/connections",
        id: rotateId,
        args: [target.remoteId, { s3SessionToken: newToken(tokenIndex++), sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" }, ...(expected ? [expected] : [])],
        cookies,
      });
      latencies.push(call.ms);
      const result = call.result as { ok: boolean; data?: { etag: string }; error?: { code: string; message: string } };
      if (call.status === 200 && result?.ok && result.data) etags.set(target.remoteId, result.data.etag);
      else {
        failures += 1;
        const reason = `action: HTTP ${call.status} ${result?.error ? `${result.error.code}: ${result.error.message}` : ""}`.trim();
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    });
    return { kind: "action", wallMs, perSecond: (set.length / wallMs) * 1000, failures, latencyP50: p50(latencies), latencyP95: p95(latencies) };
  };

  const directRound = async (): Promise<Omit<RoundResult, "cpu">> => {
    let failures = 0;
    const latencies: number[] = [];
    const wallMs = await runBounded(set.length, CONCURRENCY, async (index) => {
      const target = set[index]!;
      const started = performance.now();
      try {
        const result = await ctx.flow.patchConnection(target.remoteId, etags.get(target.remoteId) ?? target.etag, rotationOps({ s3SessionToken: newToken(tokenIndex++) }), { sandbox: ROTATION_SANDBOX });
        etags.set(target.remoteId, result.etag);
      } catch (error) {
        failures += 1;
        const reason = `direct: ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`;
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      latencies.push(performance.now() - started);
    });
    return { kind: "direct", wallMs, perSecond: (set.length / wallMs) * 1000, failures, latencyP50: p50(latencies), latencyP95: p95(latencies) };
  };

  for (let r = 0; r < rounds; r++) {
    await setSimLatency(ctx, latency.profile(4_000 + r));
    const action = await withCpu(ctx.bench.pids.next, set.length, actionRound);
    ctx.log(`bulk rotation round ${r + 1}: action ${action.perSecond.toFixed(0)}/s (${action.failures} failed)`);
    await setSimLatency(ctx, latency.profile(4_000 + r));
    const direct = await withCpu(ctx.bench.pids.next, set.length, directRound);
    ctx.log(`bulk rotation round ${r + 1}: direct ${direct.perSecond.toFixed(0)}/s (${direct.failures} failed)`);
    results.push(action, direct);
  }
  const actions = results.filter((r) => r.kind === "action");
  const directs = results.filter((r) => r.kind === "direct");
  const ratios = actions.map((a, i) => a.perSecond / directs[i]!.perSecond);
  const failures = results.reduce((sum, r) => sum + r.failures, 0);
  const rows: Row[] = [
    {
      section: "4",
      metric: `bulk rotation of ${count.toLocaleString("en-US")} through the action at concurrency ${CONCURRENCY}, ${latency.short} (median of ${rounds} rounds)`,
      measured: `${median(actions.map((a) => a.perSecond)).toFixed(0)} rotations/s`,
      floor: `${median(directs.map((d) => d.perSecond)).toFixed(0)} PATCH/s direct`,
      ratio: median(ratios),
      ...(run.budget === undefined ? { status: "info" as const } : { budget: { op: ">=" as const, limit: run.budget, unit: "× throughput" } }),
      ...(failures ? { status: "error" as const } : {}),
      note: `${failures} failed calls${failures ? ` (${[...reasons].map(([reason, n]) => `${n}× ${reason}`).join("; ")})` : ""}; per-call latency under load: action p50 ${ms(median(actions.map((a) => a.latencyP50)))} / p95 ${ms(median(actions.map((a) => a.latencyP95)))}, direct PATCH p50 ${ms(median(directs.map((d) => d.latencyP50)))} / p95 ${ms(median(directs.map((d) => d.latencyP95)))}; ${describeCpu(actions, directs)}`,
    },
  ];
  return { section: "4", title: `bulk rotation throughput, ${latency.short}`, rows, details: { latency: latency.label, count, concurrency: CONCURRENCY, failures: Object.fromEntries(reasons), rounds: results.map((r) => ({ ...r, wallMs: round(r.wallMs, 1), perSecond: round(r.perSecond, 1), latencyP50: round(r.latencyP50, 2), latencyP95: round(r.latencyP95, 2) })) } };
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Medians over rounds of the CPU the action rounds used, against the direct rounds' machine load. */
function describeCpu(actions: RoundResult[], directs: RoundResult[]): string {
  const at = (rounds: RoundResult[], pick: (cpu: RoundCpu) => number) => median(rounds.map((r) => pick(r.cpu)));
  const steal = at(actions, (c) => c.machineSteal);
  return `console server CPU per rotation ${ms(at(actions, (c) => c.serverMsPerCall))} (${percent(at(actions, (c) => c.serverBusy))} of one core over the action rounds, its JavaScript on one thread; ${percent(at(directs, (c) => c.serverBusy))} during the direct rounds, its background work); machine cores busy ${percent(at(actions, (c) => c.machineBusy))} during the action rounds, ${percent(at(directs, (c) => c.machineBusy))} during the direct ones${steal >= 0.01 ? `, ${percent(steal)} stolen by the hypervisor` : ""}`;
}
