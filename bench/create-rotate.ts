// #2 One create and one rotation through the server actions (HTTP, as the browser calls them)
// vs the floor: the same Flow Service calls made straight to the simulator with the client
// (create: name lookup + POST + read-back; rotate: one PATCH with If-Match). Calls alternate,
// one action then its floor, and the figure is the median of the per-pair ratios.
// Run under a latency profile (latency.ts): the action, its floor and the domain function each
// start from the same seed, so they meet the same network delays and the ratio is the console's.
// Three more timings per iteration say where the difference goes: the domain function alone,
// in-process (database work + the same Flow Service calls), the same action refused at input
// validation (Next's action handling, session and account check, no domain work, no page render),
// and the same call without a session cookie (Next's handling of an action call and the console's
// preamble, refused before any database read): the least any server action costs on the machine.
import { randomUUID } from "node:crypto";
import { createConnection } from "../lib/connections/create-connection";
import { rotateSessionToken, rotationOps } from "../lib/connections/rotate-token";
import { newToken, SANDBOX_COOKIE, type BenchContext } from "./context";
import { ROTATION_SANDBOX, type RotationTarget } from "./rotation-set";
import { actionId, callAction, type ActionCall } from "./server-action";
import { Session } from "./session";
import { setSimLatency, type LatencyProfile } from "./latency";
import { bootstrapInterval } from "./bootstrap";
import { mean, median, round, timed } from "./stats";
import { ms, type Row, type Section } from "./table";
import { cpuMs } from "./processes";
import { describeWakeUp, measureWakeUp, type WakeUpCost } from "./wake-up";

const CONSOLE_ACTIONS = "app/(console)/connections/actions.ts";
const WIZARD_ACTIONS = "app/(console)/connections/new/actions.ts";

type ActionOk<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

function expectOk<T>(call: ActionCall, what: string): T {
  const result = call.result as ActionOk<T>;
  if (call.status !== 200 || !result || typeof result !== "object" || !("ok" in result)) throw new Error(`${what}: HTTP ${call.status}, unexpected answer`);
  if (!result.ok) throw new Error(`${what}: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

function createInput(name: string) {
  return {
    platform: "azure" as const,
    submissionId: randomUUID(),
    bucketName: "bench-landing",
    folderPath: "incoming/bench",
    s3AccessKey: "AKIABENCHBENCH000001",
    s3SecretKey: "bench-secret-key-not-real",
    s3SessionToken: newToken(0),
    sessionTokenExpiresAt: "",
    serviceUrl: "",
    name,
    description: "Created by npm run bench",
  };
}

function flowInput(input: ReturnType<typeof createInput>) {
  return {
    name: input.name,
    description: input.description,
    auth: { specName: "Access Key" as const, params: { s3AccessKey: input.s3AccessKey, s3SecretKey: input.s3SecretKey, s3SessionToken: input.s3SessionToken, bucketName: input.bucketName, folderPath: input.folderPath } },
  };
}

type Timings = { action: number[]; direct: number[]; domain: number[]; refused: number[]; noSession: number[]; ratio: number[]; bytes: number[]; serverCpu: number[]; serverCpuDuringDirect: number[] };
const empty = (): Timings => ({ action: [], direct: [], domain: [], refused: [], noSession: [], ratio: [], bytes: [], serverCpu: [], serverCpuDuringDirect: [] });

/**
 * The call, and the CPU the console server process used meanwhile, all its threads (/proc counts
 * in 10 ms ticks: one call's figure is coarse, the mean over the iterations is not). Timed around a
 * direct call too, it gives the server's background work over the same span.
 */
async function withServerCpu<T>(serverPid: number, call: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = cpuMs(serverPid);
  const value = await call();
  return { value, cpuMs: cpuMs(serverPid) - before };
}

/** `wakeUpAfterIdleMs`: also time a database round trip after an idle wait that long (the network's median). */
export type CreateRotateRun = { latency: LatencyProfile; iterations: number; budget?: number; wakeUpAfterIdleMs?: number };

export async function measureCreateRotate(ctx: BenchContext, targets: RotationTarget[], run_: CreateRotateRun): Promise<Section> {
  const { iterations, latency } = run_;
  const warmup = ctx.quick ? 1 : 3;
  if (targets.length < iterations + warmup) throw new Error(`only ${targets.length} connections to rotate`);
  const cookies = { [SANDBOX_COOKIE]: ROTATION_SANDBOX };
  const sandbox = ROTATION_SANDBOX;
  const createId = actionId("createConnectionAction", WIZARD_ACTIONS);
  const rotateId = actionId("rotateTokenAction", CONSOLE_ACTIONS);
  const create = empty();
  const rotate = empty();
  // No cookie at all: the console refuses the call before it reads anything.
  const anonymous = new Session(ctx.bench.origin);
  const run = `${Date.now().toString(36)}`;

  const seed = (i: number) => setSimLatency(ctx, latency.profile(1_000 + i));
  for (let i = 0; i < warmup + iterations; i++) {
    const keep = i >= warmup;
    // Create: action, then the same Flow Service calls with the client, then the domain in-process.
    const actionInput = createInput(`bench ${run} action ${i}`);
    await seed(i);
    const { value: action, cpuMs: createCpu } = await withServerCpu(ctx.bench.pids.next, () => callAction(ctx.session, { page: "/connections/new", id: createId, args: [actionInput], cookies }));
    expectOk(action, "createConnectionAction");
    const directInput = flowInput(createInput(`bench ${run} direct ${i}`));
    await seed(i);
    const { value: direct, cpuMs: createDirectCpu } = await withServerCpu(ctx.bench.pids.next, () =>
      timed(async () => {
        const clash = await ctx.flow.findConnectionsByName(directInput.name, { sandbox });
        if (clash.connections.length) throw new Error("name clash in the direct create");
        const created = await ctx.flow.createConnection(directInput, { sandbox });
        await ctx.flow.getConnection(created.id, { sandbox });
      }),
    );
    await seed(i);
    const domain = await timed(() => createConnection(createInput(`bench ${run} domain ${i}`), ctx.admin, sandbox));
    if (!domain.value.ok) throw new Error(`createConnection: ${domain.value.error.message}`);
    const refusedCreate = await callAction(ctx.session, { page: "/connections/new", id: createId, args: [{ platform: "nowhere" }], cookies });
    const anonymousCreate = await callAction(anonymous, { page: "/connections/new", id: createId, args: [{ platform: "nowhere" }] });
    if (keep) {
      create.action.push(action.ms);
      create.direct.push(direct.ms);
      create.domain.push(domain.ms);
      create.refused.push(refusedCreate.ms);
      create.noSession.push(anonymousCreate.ms);
      create.ratio.push(action.ms / direct.ms);
      create.bytes.push(action.bytes);
      create.serverCpu.push(createCpu);
      create.serverCpuDuringDirect.push(createDirectCpu);
    }

    // Rotate one connection three times: action (stored etag), direct PATCH (etag the action
    // returned), domain in-process (expecting the etag the direct PATCH returned).
    const target = targets[targets.length - 1 - i]!;
    await seed(i);
    const { value: rotateAction, cpuMs: rotateCpu } = await withServerCpu(ctx.bench.pids.next, () => callAction(ctx.session, { page: "/connections", id: rotateId, args: [target.remoteId, { s3SessionToken: newToken(i), sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" }], cookies }));
    const rotated = expectOk<{ etag: string }>(rotateAction, "rotateTokenAction");
    await seed(i);
    const { value: patch, cpuMs: rotateDirectCpu } = await withServerCpu(ctx.bench.pids.next, () => timed(() => ctx.flow.patchConnection(target.remoteId, rotated.etag, rotationOps({ s3SessionToken: newToken(i + 1) }), { sandbox })));
    await seed(i);
    const rotateDomain = await timed(() => rotateSessionToken(sandbox, target.remoteId, { s3SessionToken: newToken(i + 2), sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" }, ctx.admin, { expectedEtag: patch.value.etag }));
    if (!rotateDomain.value.ok) throw new Error(`rotateSessionToken: ${rotateDomain.value.error.message}`);
    const refusedRotate = await callAction(ctx.session, { page: "/connections", id: rotateId, args: ["not a valid id!", {}], cookies });
    const anonymousRotate = await callAction(anonymous, { page: "/connections", id: rotateId, args: ["not a valid id!", {}] });
    if (keep) {
      rotate.action.push(rotateAction.ms);
      rotate.direct.push(patch.ms);
      rotate.domain.push(rotateDomain.ms);
      rotate.refused.push(refusedRotate.ms);
      rotate.noSession.push(anonymousRotate.ms);
      rotate.ratio.push(rotateAction.ms / patch.ms);
      rotate.bytes.push(rotateAction.bytes);
      rotate.serverCpu.push(rotateCpu);
      rotate.serverCpuDuringDirect.push(rotateDirectCpu);
    }
  }

  const wakeUp = run_.wakeUpAfterIdleMs === undefined ? undefined : await measureWakeUp(ctx.bench.consoleEnv.DATABASE_URL!, run_.wakeUpAfterIdleMs, ctx.quick ? 10 : 40);
  const rows: Row[] = [];
  for (const [label, t, floorLabel] of [["create", create, "lookup + POST + GET"], ["rotate", rotate, "PATCH"]] as const) {
    rows.push({
      section: "2",
      metric: `${label} through the server action, ${latency.short} (median of ${t.action.length})`,
      measured: ms(median(t.action)),
      floor: `${ms(median(t.direct))} direct ${floorLabel}`,
      ratio: median(t.ratio),
      ...(run_.budget === undefined ? { status: "info" as const } : { budget: { op: "<=" as const, limit: run_.budget, unit: "×" } }),
      note: `${pairsInterval(t.ratio)}; ${costAbove(t, floorLabel, wakeUp)}${allowance(run_.budget, median(t.direct), floorLabel, median(t.noSession))}; median parts: action without a session (Next's handling of an action call and the console's preamble; no database) ${ms(median(t.noSession))}; action refused at validation (HTTP + session + account lookup) ${ms(median(t.refused))}; domain function in-process (database + Flow Service) ${ms(median(t.domain))}; ${restOfAction(median(t.action) - median(t.refused) - median(t.domain), median(t.bytes))}; the console server process used ${ms(mean(t.serverCpu))} of CPU per action call, ${ms(mean(t.serverCpuDuringDirect))} during each direct call (its background work; means)`,
    });
  }
  const round1 = (values: number[]) => values.map((v) => round(v, 2));
  return {
    section: "2",
    title: `create and rotate: action vs direct, ${latency.short}`,
    rows,
    details: { latency: latency.label, iterations, wakeUp, create: Object.fromEntries(Object.entries(create).map(([k, v]) => [k, round1(v)])), rotate: Object.fromEntries(Object.entries(rotate).map(([k, v]) => [k, round1(v)])), usedTargets: warmup + iterations },
  };
}

/**
 * "median ratio 1.06–1.15× (90 % bootstrap interval over the pairs)": how far the luck of which
 * pairs were measured moves the figure. Each pair's two calls met the same seeded network delays,
 * so what varies between pairs is the console's own time and the machine's moment: an interval
 * that holds the budget says the run's verdict is the draw's.
 */
function pairsInterval(ratios: readonly number[]): string {
  const { low, high } = bootstrapInterval(ratios, median);
  return `median ratio ${low.toFixed(2)}–${high.toFixed(2)}× (90 % bootstrap interval over the pairs)`;
}

/**
 * The action's time above its floor, per pair (median): what the console adds. Beside it, under
 * the network profile, what waking up costs on this machine: between the two profiles the console
 * does the same work, but under the network one each process has slept through a Flow Service call.
 */
function costAbove(t: Timings, floorLabel: string, wakeUp: WakeUpCost | undefined): string {
  const above = median(t.action.map((action, i) => action - t.direct[i]!));
  return `the action took ${ms(above)} more than its ${floorLabel} (median of the pairs)${wakeUp ? `; ${describeWakeUp(wakeUp)}` : ""}`;
}

/**
 * What the budget leaves the console above its floor, in milliseconds of this run, and how much of
 * that any action call takes before the console reads anything (the call without a session).
 */
function allowance(budget: number | undefined, directMs: number, floorLabel: string, anyActionMs: number): string {
  if (budget === undefined) return "";
  const left = (budget - 1) * directMs;
  return `; ≤ ${budget.toFixed(2)}× leaves ${ms(left)} above the median ${floorLabel}, ${Math.round((anyActionMs / left) * 100)} % of it taken by any action call (one without a session: ${ms(anyActionMs)})`;
}

/** What the action's time beyond its two measured parts is: the page in its answer, if it has one. */
function restOfAction(restMs: number, answerBytes: number): string {
  const rest = `the rest (~${ms(Math.max(0, restMs))})`;
  // An answer of a few hundred bytes carries the action's result alone: it revalidated nothing.
  if (answerBytes < 1024) return `${rest} is the difference between separate medians: the answer carries no page (${answerBytes} bytes of Flight; the action revalidates nothing, its form refreshes the page after)`;
  return `${rest} is the page re-rendered into the action's answer after revalidatePath (${(answerBytes / 1024).toFixed(0)} KB Flight)`;
}
