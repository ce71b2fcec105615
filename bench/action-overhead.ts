// Where a server action's time goes, in one loop of calls back to back (no network latency
// profile: the simulator answers in about 1 ms): a health probe (Next's request path and one
// database read), an action call without a session, the same action refused at input validation
// (session and account check), one rotation through the action, and the same PATCH sent straight
// to the simulator. Interleaved, so the machine's drift touches every row alike; medians and p90
// of ACTION_OVERHEAD_N rounds (default 300) after 10 warm-up rounds. ACTION_OVERHEAD_LATENCY sets
// the simulator's profile (e.g. fixed:100, the network's median without its spread) and
// ACTION_OVERHEAD_PAUSE_MS a pause before each call (e.g. 100): then every call, like one under the
// bench's network profile, finds the server and the database idle. Not part of `npm run bench`:
//   node --conditions=react-server --import tsx bench/action-overhead.ts
// (run it from the bench's private copy, or after `npm run build`, as `npm run bench` would).
import { db } from "../lib/db";
import { rotationOps } from "../lib/connections/rotate-token";
import { directClient, newToken, SANDBOX_COOKIE, type BenchContext } from "./context";
import { setSimLatency } from "./latency";
import { prepareRotationSandbox, ROTATION_SANDBOX } from "./rotation-set";
import { actionId, actionRequest, callAction } from "./server-action";
import { Session } from "./session";
import { startBenchStack } from "./stack";
import { median, quantile, timed } from "./stats";

const rounds = Number(process.env.ACTION_OVERHEAD_N ?? 300);
const warmup = 10;
const latency = process.env.ACTION_OVERHEAD_LATENCY;
const pauseMs = Number(process.env.ACTION_OVERHEAD_PAUSE_MS ?? 0);

async function main(): Promise<void> {
  const bench = await startBenchStack({ sandboxes: [ROTATION_SANDBOX], log: (line) => console.log(`[action-overhead] ${line}`) });
  try {
    const session = new Session(bench.origin);
    await session.signIn(bench.admin.email, bench.admin.password);
    const admin = await db.user.findUniqueOrThrow({ where: { email: bench.admin.email }, select: { id: true, email: true } });
    const ctx: BenchContext = { bench, session, flow: directClient(bench.consoleEnv), admin, log: console.log, quick: false };
    const targets = await prepareRotationSandbox(ctx);
    if (latency) await setSimLatency(ctx, latency);
    const pause = () => (pauseMs > 0 ? new Promise((resolve) => setTimeout(resolve, pauseMs)) : Promise.resolve());
    if (targets.length < rounds + warmup) throw new Error(`only ${targets.length} connections to rotate`);
    const cookies = { [SANDBOX_COOKIE]: ROTATION_SANDBOX };
    const rotateId = actionId("rotateTokenAction", "app/(console)/connections/actions.ts");
    const anonymous = new Session(bench.origin);
    const samples = new Map<string, number[]>();
    for (let i = 0; i < warmup + rounds; i++) {
      const target = targets[i]!;
      await pause();
      const health = await timed(async () => (await fetch(`${bench.origin}/api/health`)).text());
      // Timed as a plain POST: before the proxy let action calls through, this was a redirect.
      await pause();
      const noSession = await timed(async () => (await fetch(...actionRequest(anonymous, { page: "/connections", id: rotateId, args: [target.remoteId, {}] }))).text());
      await pause();
      const refused = await callAction(session, { page: "/connections", id: rotateId, args: ["not a valid id!", {}], cookies });
      await pause();
      const rotate = await callAction(session, { page: "/connections", id: rotateId, args: [target.remoteId, { s3SessionToken: newToken(i), sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" }], cookies });
      const rotated = rotate.result as { ok: boolean; data?: { etag: string } };
      if (!rotated.ok || !rotated.data) throw new Error(`rotation ${i} failed: ${JSON.stringify(rotate.result)}`);
      await pause();
      const patch = await timed(() => ctx.flow.patchConnection(target.remoteId, rotated.data!.etag, rotationOps({ s3SessionToken: newToken(i + 1) }), { sandbox: ROTATION_SANDBOX }));
      if (i < warmup) continue;
      const rows: [string, number][] = [
        ["GET /api/health", health.ms],
        ["action without a session", noSession.ms],
        ["action refused at validation", refused.ms],
        ["rotation through the action", rotate.ms],
        ["the same PATCH, direct", patch.ms],
      ];
      for (const [label, ms] of rows) samples.set(label, [...(samples.get(label) ?? []), ms]);
    }
    console.log(`\n${rounds} rounds, ${pauseMs > 0 ? `${pauseMs} ms apart` : "back to back"}, simulator ${latency ?? "fixed:1"} (ms)\n`);
    console.log(`${"".padEnd(32)}${"median".padStart(8)}${"p90".padStart(8)}`);
    for (const [label, values] of samples) console.log(`${label.padEnd(32)}${median(values).toFixed(2).padStart(8)}${quantile(values, 0.9).toFixed(2).padStart(8)}`);
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`action-overhead failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
