// #9 Warm start: `npm start` of the already-built console, on a data folder that already holds its
// database, until /api/ready answers 200 (database, migrations, job workers: lib/health). The
// command is what `npm start` runs (node --conditions=react-server --import tsx scripts/start.ts),
// without npm's own start-up. One cold start first (initdb, migrations, demo data) is untimed for
// the budget and printed beside it. Runs after the measured stack is stopped, on free ports.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeStackPorts } from "../scripts/free-port";
import { probeStatus } from "../scripts/http-probe";
import { median } from "./stats";
import type { Section } from "./table";

const BUDGET_SECONDS = 5;
const READY_TIMEOUT_MS = 120_000;

/** Variables of the measured stack that `npm start` must not inherit (it decides them itself). */
const STACK_VARIABLES = ["DATABASE_URL", "FLOW_SERVICE_URL", "ADOBE_IMS_URL", "ADOBE_CLIENT_ID", "ADOBE_CLIENT_SECRET", "ADOBE_ORG_ID", "ADOBE_SANDBOX", "CONSOLE_SANDBOXES", "OUTBOUND_ALLOW", "S3_ENDPOINT", "STS_ENDPOINT", "AUTH_SECRET", "AUTH_TRUST_HOST", "NEXTAUTH_URL", "NODE_OPTIONS"];

/** Lines of `npm start`'s output that mark a phase, and what the phase is called in the note. */
const PHASES: [marker: string, label: string][] = [
  ["Starting S3 Source Console", "node and tsx loaded"],
  ["database schema is up to date", "database up, schema checked"],
  ["S3 Source Console is running", "console server listening"],
  ["job workers started", "job workers started"],
];

type Start = { child: ChildProcess; readyMs: Promise<number>; phases: Map<string, number> };

/**
 * For a start that never got ready: the phases it reached and its log's last lines. The data
 * folder, log included, is deleted after the row, so the error is all that is left of it.
 */
function whereItStood(phases: Map<string, number>, logFile: string): string {
  const reached = [...phases].map(([label, ms]) => `${label} at ${(ms / 1000).toFixed(1)} s`).join(", ") || "none";
  const tail = readFileSync(logFile, "utf8").trim().split("\n").slice(-3).join(" | ");
  return `phases reached: ${reached}; its log ended: ${tail.slice(-600)}`;
}

function startConsole(env: NodeJS.ProcessEnv, origin: string, logFile: string): Start {
  const started = performance.now();
  const out = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join("scripts", "start.ts")], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  // When each phase's line first appears: says where a slow start spends its time.
  const phases = new Map<string, number>();
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    for (const [marker, label] of PHASES) if (!phases.has(label) && text.includes(marker)) phases.set(label, performance.now() - started);
  });
  const readyMs = new Promise<number>((resolve, reject) => {
    let done = false;
    child.once("exit", (code) => {
      if (!done) reject(new Error(`npm start exited (code ${code}) before /api/ready answered 200; ${whereItStood(phases, logFile)}`));
    });
    const poll = async () => {
      while (!done) {
        if (performance.now() - started > READY_TIMEOUT_MS) return reject(new Error(`/api/ready did not answer 200 within ${READY_TIMEOUT_MS / 1000} s; ${whereItStood(phases, logFile)}`));
        if ((await probeStatus(`${origin}/api/ready`, 2_000)) === 200) {
          done = true;
          return resolve(performance.now() - started);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    void poll();
  });
  return { child, readyMs, phases };
}

/** Ctrl-C, as a person stops `npm start`; firmly after 30 s. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGINT");
  });
}

export async function measureWarmStart(launchEnv: NodeJS.ProcessEnv, quick: boolean, log: (line: string) => void): Promise<Section> {
  const warmRuns = quick ? 1 : 3;
  const dataDir = mkdtempSync(join(tmpdir(), "s3console-bench-start-"));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the user postgres when we are root
  const ports = await freeStackPorts();
  const env: NodeJS.ProcessEnv = { ...launchEnv, DATA_DIR: dataDir, ...ports, ADMIN_PASSWORD: randomBytes(18).toString("base64url") };
  for (const name of STACK_VARIABLES) delete env[name];
  const origin = `http://127.0.0.1:${ports.PORT}`;
  const logFile = join(dataDir, "start.log");
  try {
    const cold = startConsole(env, origin, logFile);
    let coldMs: number;
    try {
      coldMs = await cold.readyMs;
    } finally {
      await stop(cold.child);
    }
    log(`cold start to ready: ${(coldMs / 1000).toFixed(1)} s`);
    const warm: number[] = [];
    const phases: Map<string, number>[] = [];
    for (let i = 0; i < warmRuns; i++) {
      const start = startConsole(env, origin, logFile);
      try {
        warm.push(await start.readyMs);
        phases.push(start.phases);
      } finally {
        await stop(start.child);
      }
      log(`warm start to ready: ${(warm.at(-1)! / 1000).toFixed(1)} s`);
    }
    const seconds = median(warm) / 1000;
    const phaseMedians = PHASES.map(([, label]) => [label, median(phases.map((p) => p.get(label) ?? Number.NaN).filter(Number.isFinite))] as const).filter(([, value]) => Number.isFinite(value));
    return {
      section: "9",
      title: "warm start",
      rows: [
        {
          section: "9",
          metric: `warm npm start (built, data folder reused) to /api/ready 200 (median of ${warm.length})`,
          measured: `${seconds.toFixed(1)} s`,
          floor: `cold start ${(coldMs / 1000).toFixed(1)} s`,
          ratio: seconds,
          ratioText: `${seconds.toFixed(1)} s`,
          budget: { op: "<=", limit: BUDGET_SECONDS, unit: " s" },
          note: `each warm start: ${warm.map((value) => `${(value / 1000).toFixed(1)} s`).join(", ")}; phases (median, since spawn): ${phaseMedians.map(([label, value]) => `${label} ${(value / 1000).toFixed(1)} s`).join(", ")}, /api/ready 200 ${seconds.toFixed(1)} s; from spawning node (npm's own start-up excluded) to the first 200 of /api/ready, polled every 50 ms`,
        },
      ],
      details: { coldMs, warmMs: warm, phasesMs: phases.map((p) => Object.fromEntries(p)) },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
