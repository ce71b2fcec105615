// Starts what the bench measures: a Flow Service simulator process with the bench's sandboxes,
// then the console's own local stack (embedded database in a fresh temporary DATA_DIR, S3 test
// server, the standalone console server) on free ports, pointed at that simulator, background sync off.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { withAllowedOrigins } from "../lib/net/allowlist";
import { makeBenchDataDir } from "./data-dir";
import { freePort } from "../scripts/free-port";
import { buildConsole, buildIsStale } from "../scripts/stack/next-server";
import { startStack, type Stack } from "../scripts/stack/start-stack";
import { OVERHEAD_PROFILE } from "./latency";
import { findDescendant } from "./processes";
import { stopChild } from "../scripts/child-process";

/** Where the console server's output of the last run is kept. */
export const CONSOLE_LOG_COPY = join(tmpdir(), "s3console-bench-console.log");

export type Simulator = { url: string; imsUrl: string; origin: string; clientId: string; clientSecret: string; orgId: string };

export type BenchStack = {
  /** Console origin on 127.0.0.1 (no name resolution in the timed path). */
  origin: string;
  stack: Stack;
  sim: Simulator;
  consoleEnv: Record<string, string>;
  /** Bearer token of the console's /api/metrics (set for the bench, read by #7). */
  metricsToken: string;
  admin: { email: string; password: string };
  pids: { next: number; database?: number; simulator: number };
  dataDir: string;
  consoleLog: string;
  built: boolean;
  stop(): Promise<void>;
};

function startSimulator(sandboxes: string[]): Promise<{ child: ChildProcess; sim: Simulator }> {
  const entry = fileURLToPath(new URL("./simulator-process.ts", import.meta.url));
  const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;
  const child = fork(entry, [], { execArgv: ["--import", "tsx"], env: { ...env, BENCH_SIM_SANDBOXES: sandboxes.join(","), FLOW_SIM_LATENCY: OVERHEAD_PROFILE }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the Flow Service simulator did not start within 60 s")), 60_000);
    child.once("message", (message: { type: string; message?: string } & Simulator) => {
      clearTimeout(timer);
      if (message.type === "ready") resolve({ child, sim: message });
      else reject(new Error(`the Flow Service simulator failed: ${message.message}`));
    });
    child.once("exit", (code) => reject(new Error(`the Flow Service simulator exited (code ${code})`)));
  });
}


/** `databaseUrl`: a PostgreSQL database of a server the bench did not start (BENCH_DATABASE_URL); default the embedded one. */
export async function startBenchStack(options: { sandboxes: string[]; log: (line: string) => void; databaseUrl?: string }): Promise<BenchStack> {
  let built = false;
  if (buildIsStale()) {
    buildConsole(options.log);
    built = true;
  }
  const dataDir = makeBenchDataDir("s3console-bench-");
  const { child: simChild, sim } = await startSimulator(options.sandboxes);
  const admin = { email: "bench-admin@example.com", password: randomBytes(18).toString("base64url") };
  const metricsToken = randomBytes(24).toString("base64url");
  const consoleLog = join(dataDir, "console.log");
  let stack: Stack;
  try {
    stack = await startStack({
      build: false,
      consoleLogFile: consoleLog,
      log: options.log,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        DB_PORT: String(await freePort()),
        S3_SIM_PORT: String(await freePort()),
        STS_SIM_PORT: String(await freePort()),
        DATABASE_URL: options.databaseUrl,
        STS_ENDPOINT: undefined,
        NEXTAUTH_URL: undefined,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        // The simulator stands in for the real service, so the stack treats it as such: the egress
        // guard (lib/net) lets the console call a loopback http origin only when it is listed.
        OUTBOUND_ALLOW: withAllowedOrigins(process.env.OUTBOUND_ALLOW, [sim.origin]),
        FLOW_SERVICE_URL: sim.url,
        ADOBE_IMS_URL: sim.imsUrl,
        ADOBE_CLIENT_ID: sim.clientId,
        ADOBE_CLIENT_SECRET: sim.clientSecret,
        ADOBE_ORG_ID: sim.orgId,
        ADOBE_SANDBOX: options.sandboxes[0],
        CONSOLE_SANDBOXES: options.sandboxes.join(","),
        // The bench syncs explicitly; a background sync would land in the middle of a measurement.
        SYNC_INTERVAL_SECONDS: "0",
        // #7 reads the server's heap by space from its own metrics endpoint.
        METRICS_TOKEN: metricsToken,
      },
    });
  } catch (error) {
    await stopChild(simChild);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  // The standalone server (like `next start`) renames its process title to "next-server (vX.Y.Z)".
  const next = findDescendant((cmd) => cmd.startsWith("next-server") || (cmd.includes("next/dist/bin/next") && / start\b/.test(cmd)));
  const database = findDescendant((cmd) => cmd.includes("embedded-postgres-child"));
  if (next === undefined) {
    await stack.stop();
    await stopChild(simChild);
    throw new Error("could not find the console server process in /proc");
  }
  return {
    origin: stack.consoleUrl.replace("localhost", "127.0.0.1"),
    stack,
    sim,
    consoleEnv: stack.consoleEnv,
    metricsToken,
    admin,
    pids: { next, database, simulator: simChild.pid ?? -1 },
    dataDir,
    consoleLog,
    built,
    async stop() {
      await stack.stop();
      await stopChild(simChild);
      // The console's own log outlives the data folder, for reading after the run.
      if (existsSync(consoleLog)) copyFileSync(consoleLog, CONSOLE_LOG_COPY);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The simulator's control API (loopback only). */
export async function simControl(sim: Simulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.origin}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`simulator ${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}
