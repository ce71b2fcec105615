// What the dataflow figures cost a sync: a sync of 10,000 connections into an empty inventory
// with and without the dataflow step (lib/dataflows/sync-figures.ts), alternating, on the
// embedded database and a Flow Service simulator in a process of its own (as `npm run bench`
// #3 does). Also the step's Flow Service listing alone (no database), and a re-sync.
//
//   node --conditions=react-server --import tsx bench/dataflow-sync.ts     (about a minute)
//   DATAFLOW_BENCH_ITERATIONS=3 … for more iterations (default 2)
import { fork, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { withAllowedOrigins } from "../lib/net/allowlist";
import { freePort } from "../scripts/free-port";
import { makeBenchDataDir } from "./data-dir";
import { startDatabase } from "../scripts/stack/database";
import type { Simulator } from "./stack";
import { median, round, timed } from "./stats";

const SIZE = 10_000;
const iterations = Math.max(1, Number(process.env.DATAFLOW_BENCH_ITERATIONS ?? 2));
const sandboxes = Array.from({ length: iterations }, (_, i) => [`df-without-${i + 1}`, `df-with-${i + 1}`]).flat();

function startSimulator(names: string[]): Promise<{ child: ChildProcess; sim: Simulator }> {
  const entry = fileURLToPath(new URL("./simulator-process.ts", import.meta.url));
  const { NODE_OPTIONS: _omit, ...env } = process.env;
  const child = fork(entry, [], { execArgv: ["--import", "tsx"], env: { ...env, BENCH_SIM_SANDBOXES: ["df-warmup", ...names].join(",") }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (message: { type: string; message?: string } & Simulator) => (message.type === "ready" ? resolve({ child, sim: message }) : reject(new Error(message.message))));
    child.once("exit", (code) => reject(new Error(`the simulator exited (${code})`)));
  });
}

async function seed(sim: Simulator, sandbox: string, count: number): Promise<void> {
  const response = await fetch(`${sim.origin}/__sim/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count, sandbox }) });
  if (!response.ok) throw new Error(`seed ${sandbox}: ${response.status}`);
}

async function main(): Promise<void> {
  const dataDir = makeBenchDataDir("s3console-dataflow-bench-");
  const database = await startDatabase({ dataDir, port: await freePort(), log: () => undefined });
  const { child, sim } = await startSimulator(sandboxes);
  try {
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      AUTH_SECRET: "dataflow-bench-secret-0123456789abcdef",
      FLOW_SERVICE_URL: sim.url,
      ADOBE_IMS_URL: sim.imsUrl,
      ADOBE_CLIENT_ID: sim.clientId,
      ADOBE_CLIENT_SECRET: sim.clientSecret,
      ADOBE_ORG_ID: sim.orgId,
      // The console's calls go through its egress guard: allow the simulator, as npm start does.
      OUTBOUND_ALLOW: withAllowedOrigins(process.env.OUTBOUND_ALLOW, [sim.origin]),
      LOG_LEVEL: "error",
    });
    const { syncSandbox } = await import("../lib/connections/sync");
    const { syncDataflowFigures } = await import("../lib/dataflows/sync-figures");
    const { resolveDataflows } = await import("../lib/dataflows/resolve");
    const { flowService } = await import("../lib/flow-service/server");
    const { db, disconnectDb } = await import("../lib/db");
    const actor = { email: "bench@example.com" };

    for (const sandbox of sandboxes) await seed(sim, sandbox, SIZE);
    await seed(sim, "df-warmup", 1_000);
    await syncSandbox("df-warmup", actor);

    const without: number[] = [];
    const withFlows: number[] = [];
    const steps: number[] = [];
    let requests = 0;
    let flows = 0;
    let failing = 0;
    for (let i = 0; i < iterations; i++) {
      const a = await timed(() => syncSandbox(`df-without-${i + 1}`, actor, { dataflows: false }));
      if (a.value.imported !== SIZE) throw new Error(`imported ${a.value.imported}`);
      without.push(a.ms);
      const b = await timed(() => syncSandbox(`df-with-${i + 1}`, actor));
      if (b.value.imported !== SIZE || !b.value.dataflows) throw new Error("the sync with dataflows did not report them");
      withFlows.push(b.ms);
      steps.push(b.value.dataflows.durationMs);
      ({ requests, flows, failingFlows: failing } = b.value.dataflows);
      console.log(`iteration ${i + 1}: without ${round(a.ms, 0)} ms, with ${round(b.ms, 0)} ms (dataflow step ${b.value.dataflows.durationMs} ms, ${b.value.dataflows.requests} requests)`);
    }
    // The step's Flow Service part alone (no database writes), and the step on a synced inventory.
    const ids = (await db.connection.findMany({ where: { sandboxName: "df-with-1" }, select: { remoteId: true } })).map((r) => r.remoteId);
    const listing = await timed(() => resolveDataflows(flowService(), ids, { sandbox: "df-with-1", concurrency: 4 }));
    const resync = await timed(() => syncDataflowFigures("df-with-1"));
    await disconnectDb();

    const rows = [
      ["sync of 10,000 into an empty inventory, without dataflow figures", `${round(median(without), 0)} ms`],
      ["sync of 10,000 into an empty inventory, with dataflow figures", `${round(median(withFlows), 0)} ms`],
      ["  of which the dataflow step", `${round(median(steps), 0)} ms (${requests} Flow Service requests; ${flows} flows, ${failing} failing)`],
      ["  added to the sync", `+${round(median(withFlows) - median(without), 0)} ms (${(median(withFlows) / median(without)).toFixed(2)}×)`],
      ["dataflow listing alone (no database), 10,000 connections", `${round(listing.ms, 0)} ms (${listing.value.requests} requests)`],
      ["dataflow step again on a synced inventory", `${round(resync.ms, 0)} ms`],
    ];
    const width = Math.max(...rows.map(([label]) => label!.length));
    console.log(`\nDataflow figures in the sync (median of ${iterations}; embedded database, simulator in its own process)`);
    for (const [label, value] of rows) console.log(`${label!.padEnd(width)}  ${value}`);
  } finally {
    child.kill("SIGTERM");
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
