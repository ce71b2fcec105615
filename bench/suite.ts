// The suite `npm run bench` runs (from bench/run.ts): builds the console when stale, starts the
// local stack on free ports with a fresh data folder, runs every measurement, prints one table
// and writes the results file (BENCH_RESULTS_FILE, default bench/results.json).
// Exits 0 even when a budget is missed (the table says MISSED); 1 only when the bench itself
// could not run. BENCH_QUICK=1 runs a few iterations of everything, to check the bench.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { db } from "../lib/db";
import { measureBulkRotate } from "./bulk-rotate";
import { measureConcurrentReaders } from "./concurrent-readers";
import { directClient, type BenchContext } from "./context";
import { measureConnectionPage } from "./connection-page";
import { measureCreateRotate } from "./create-rotate";
import { measureWarmStart } from "./warm-start";
import { measureJobLatency, measureQueueBulk } from "./queue-bulk";
import { measureFirstLoadJs } from "./first-load-js";
import { measureInventory } from "./inventory";
import { measureLighthouse } from "./lighthouse";
import { readHeapBreakdown } from "./heap-spaces";
import { measureMemoryFloor } from "./memory-floor";
import { MemoryWatch } from "./memory";
import { backendsOfDatabase, cpuModel, postgresProcesses } from "./processes";
import { prepareRotationSandbox, ROTATION_SANDBOX, takeTargets } from "./rotation-set";
import { Session } from "./session";
import { CONSOLE_LOG_COPY, startBenchStack, type BenchStack } from "./stack";
import { round } from "./stats";
import { inventoryDatasets, measureSync, prepareSync, seedAndSync, SYNC_PROFILE_SANDBOX, SYNC_WARMUP_SANDBOX, syncPlans, syncSandboxes } from "./sync";
import { NETWORK, networkLatency, overheadLatency } from "./latency";
import { budgetStatus, renderTable, type Section } from "./table";

const quick = process.env.BENCH_QUICK === "1";
// The environment this process was launched with: starting the stack adds its own variables to
// process.env, which #9's `npm start` must not inherit.
const launchEnv = { ...process.env };
/**
 * Set by run.ts for its second pass: a fresh database on the machine's PostgreSQL server
 * (BENCH_DATABASE_URL), where #1-#4 and #7-#8 run again to be shown beside the embedded figures.
 */
const externalDatabase = process.env.BENCH_EXTERNAL_DATABASE_URL;
/** BENCH_ONLY=1,7 runs some measurements only (#1 then syncs its data sets without timing). */
const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter(Boolean);
const selected = (number: string) => !only?.length || only.includes(number);
const started = Date.now();
const log = (line: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

let bench: BenchStack | undefined;
let stopping: Promise<void> | undefined;
const stopAll = () => (stopping ??= (bench?.stop() ?? Promise.resolve()).catch(() => undefined));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the stack`);
    void stopAll().then(() => process.exit(130));
  });
}

/** Runs one measurement; an error becomes a section that says so instead of ending the run. */
async function section(number: string, title: string, run: () => Promise<Section>): Promise<Section> {
  log(`#${number} ${title}`);
  const t0 = Date.now();
  try {
    const result = await run();
    log(`#${number} done in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`#${number} failed: ${message}`);
    return { section: number, title, rows: [], error: message };
  }
}

async function main(): Promise<number> {
  const sandboxes = ["prod", SYNC_WARMUP_SANDBOX, ...syncSandboxes(quick), SYNC_PROFILE_SANDBOX, ROTATION_SANDBOX];
  log(`starting the stack${quick ? " (quick mode)" : ""}`);
  bench = await startBenchStack({ sandboxes, log, databaseUrl: externalDatabase });
  log(`console ${bench.origin} (pid ${bench.pids.next}), database pid ${bench.pids.database ?? "?"}, simulator ${bench.sim.origin}`);
  const supervisor = bench.pids.database;
  const { origin, metricsToken } = bench;
  const heap = () => readHeapBreakdown(origin, metricsToken);
  const databasePids = externalDatabase ? () => backendsOfDatabase(new URL(externalDatabase).pathname.slice(1)) : supervisor === undefined ? undefined : () => postgresProcesses(supervisor);
  const memory = externalDatabase
    ? new MemoryWatch(bench.pids, databasePids, "the machine's PostgreSQL: the backends of the bench's database (its shared processes serve every database and are left out)", heap)
    : new MemoryWatch(bench.pids, databasePids, undefined, heap);
  memory.snapshot("started");
  memory.start();

  const session = new Session(bench.origin);
  await session.signIn(bench.admin.email, bench.admin.password);
  // Idle: started and one sign-in served (its scrypt hash is a one-time jump), then left alone.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  memory.snapshot("idle");
  const [{ server_version: serverVersion } = { server_version: "?" }] = await db.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  const database = { kind: externalDatabase ? "machine" : "embedded", version: serverVersion.split(" ")[0] };
  log(`database: ${database.kind === "machine" ? "the machine's" : "embedded"} PostgreSQL ${database.version}`);
  const adminRow = await db.user.findUniqueOrThrow({ where: { email: bench.admin.email }, select: { id: true, email: true } });
  const ctx: BenchContext = { bench, session, flow: directClient(bench.consoleEnv), admin: adminRow, log, quick, mark: (label) => void memory.snapshot(label), databasePids };

  const sections: Section[] = [];
  const datasets = inventoryDatasets(quick);
  // #7's second look at the server, once #1's pages are served and it has been left alone.
  const aloneSeconds = quick ? 3 : 15;
  const afterOneAlone = `after #1 + ${aloneSeconds} s alone`;
  // #3's syncs leave the datasets' sandboxes filled; otherwise they are seeded here for the rows that
  // read them. #6 audits the largest one's inventory: left empty, a `BENCH_ONLY=6` run would score
  // "No connections match this view" instead of a page of 50 rows; #12 opens one of its connections.
  if (selected("3")) {
    await prepareSync(ctx);
    for (const plan of syncPlans(quick)) sections.push(await section("3", `sync vs raw listing, ${plan.latency.short}`, () => measureSync(ctx, plan, { profile: !quick && plan.latency === overheadLatency })));
  } else if (["1", "1b", "6", "12"].some(selected)) for (const { size, sandbox } of datasets) await seedAndSync(ctx, sandbox, size);
  memory.snapshot("before #1");
  if (selected("1")) {
    const inventory = await section("1", "inventory page latency", () => measureInventory(ctx, datasets));
    memory.snapshot("after #1");
    // V8 releases memory some seconds after allocation stops: a second look tells garbage not yet
    // collected from memory that stays.
    await new Promise((resolve) => setTimeout(resolve, aloneSeconds * 1_000));
    memory.snapshot(afterOneAlone);
    sections.push(inventory);
  }
  if (selected("1b")) {
    sections.push(await section("1b", "concurrent readers", () => measureConcurrentReaders(ctx, datasets.at(-1)!.sandbox)));
    memory.snapshot("after #1b");
  }
  if (selected("2") || selected("4") || selected("10") || selected("11")) {
    log("preparing the rotation sandbox");
    // Disjoint sets of connections per measurement: none inherits another's etags.
    const targets = await prepareRotationSandbox(ctx);
    const createRotate = [
      { latency: networkLatency, iterations: quick ? 3 : 25, budget: 1.1, wakeUpAfterIdleMs: NETWORK.median },
      { latency: overheadLatency, iterations: quick ? 3 : 30 },
    ];
    const bulk = [
      { latency: networkLatency, count: quick ? 50 : 1_000, rounds: quick ? 1 : 2, budget: 0.9 },
      { latency: overheadLatency, count: quick ? 50 : 300, rounds: quick ? 1 : 2 },
    ];
    if (selected("2")) for (const run of createRotate) sections.push(await section("2", `create and rotate: action vs direct, ${run.latency.short}`, () => measureCreateRotate(ctx, takeTargets(targets, run.iterations + 3), run)));
    if (selected("10")) sections.push(await section("10", "job latency", () => measureJobLatency(ctx, takeTargets(targets, quick ? 7 : 22), overheadLatency)));
    if (selected("11")) sections.push(await section("11", "bulk through the job queue", () => measureQueueBulk(ctx, takeTargets(targets, quick ? 50 : 1_000), networkLatency)));
    if (selected("4")) for (const run of bulk) sections.push(await section("4", `bulk rotation throughput, ${run.latency.short}`, () => measureBulkRotate(ctx, takeTargets(targets, run.count), run)));
    memory.snapshot("after #4");
  }
  const largest = datasets.at(-1)!.sandbox;
  if (selected("12")) sections.push(await section("12", "connection page", () => measureConnectionPage(ctx, largest)));
  if (selected("5")) sections.push(await section("5", "first-load JS", () => measureFirstLoadJs(ctx, largest)));
  if (selected("6")) sections.push(await section("6", "Lighthouse", () => measureLighthouse(ctx, largest)));
  memory.snapshot("end");
  memory.stop();
  const idleSnapshot = memory.get("idle");
  // #7's floor repeats the page load the measured server got: with neither #1 nor #1b it has none.
  const floorLoad = { inventory: selected("1"), readers: selected("1b") };
  const memoryFloor =
    selected("7") && idleSnapshot && (floorLoad.inventory || floorLoad.readers)
      ? await section("7", "server RSS, floor", () => measureMemoryFloor(ctx, { sandbox: largest, datasets: datasets.length, load: floorLoad, measured: { idle: idleSnapshot.next, peak: memory.peak.bytes } }))
      : undefined;
  if (selected("9")) {
    // On a quiet machine: the measured stack is stopped first.
    await stopAll();
    sections.push(await section("9", "warm start", () => measureWarmStart(launchEnv, quick, log)));
  }
  await memory.settled();
  if (selected("7")) sections.push(memory.serverSection("idle", afterOneAlone));
  if (memoryFloor) sections.push(memoryFloor);
  if (selected("8")) sections.push(memory.databaseSection("idle"));
  // "1b" after "1", a new row such as "10" after "9"; sections of one number keep their order.
  sections.sort((a, b) => Number.parseFloat(a.section) - Number.parseFloat(b.section) || a.section.localeCompare(b.section));
  const table = renderTable(sections);
  const machine = { cpu: cpuModel(), cores: cpus().length, memoryGb: round(totalmem() / 1024 ** 3, 1), node: process.version, platform: `${process.platform} ${process.arch}` };
  const minutes = (Date.now() - started) / 60_000;
  console.log(`\nS3 Source Console performance (${new Date().toISOString()}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, ${database.kind} PostgreSQL ${database.version}, ${minutes.toFixed(1)} min${quick ? ", QUICK MODE" : ""})\n`);
  console.log(table);
  const statuses = sections.flatMap((s) => s.rows.map(budgetStatus));
  const missed = statuses.filter((s) => s === "MISSED").length;
  const errors = sections.filter((s) => s.error).length + statuses.filter((s) => s === "error").length;
  console.log(`\n${statuses.filter((s) => s === "met").length} budgets met, ${missed} MISSED, ${errors} errors.`);

  const file = process.env.BENCH_RESULTS_FILE ?? join(process.cwd(), "bench", "results.json");
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), quick, minutes: round(minutes, 2), machine, database, build: { rebuilt: bench.built }, sections: sections.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, status: budgetStatus(r) })) })) }, null, 2)}\n`,
  );
  log(`results written to ${file}`);
  return 0;
}

main()
  .then(async (code) => {
    await stopAll();
    console.log(`[bench] the console server's log of this run: ${CONSOLE_LOG_COPY}`);
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stopAll();
    process.exit(1);
  });
