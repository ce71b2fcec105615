// Builds the console when needed and runs it as a child process: the standalone server that the
// container image runs (Dockerfile), laid out as the image lays it out, so what every test and
// `npm start` exercise is what ships. `npm run dev` runs `next dev` instead.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { consoleHeapFlags, parseStackEnv, StackStartError } from "./config";
import { stopChild } from "../child-process";
import { probeStatus } from "../http-probe";

const ROOT = process.cwd();
const NEXT_BIN = join(ROOT, "node_modules", "next", "dist", "bin", "next");
const STANDALONE = join(ROOT, ".next", "standalone");
const SOURCES = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs", "prisma/migrations", "scripts/db/migrations.ts"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * True when there is no production build or a source file changed after the build began reading
 * the sources. BUILD_ID is written at the end, so a file saved while a build ran (after the
 * compiler read it) is older than BUILD_ID yet newer than what was built. `next build` rewrites
 * `.next/package.json` on every build before it compiles anything: its time is the start.
 */
export function buildIsStale(root = ROOT): boolean {
  const buildId = join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId) || !existsSync(join(root, ".next", "standalone", "server.js"))) return true;
  const started = join(root, ".next", "package.json");
  const built = Math.min(statSync(buildId).mtimeMs, existsSync(started) ? statSync(started).mtimeMs : Infinity);
  return SOURCES.some((source) => newestMtime(join(root, source)) > built);
}

export function buildConsole(log: (line: string) => void): void {
  log("building the console (first start, or sources changed)…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new StackStartError("`next build` failed (its output is above)");
  placeStaticAssets();
}

/**
 * The standalone server serves /_next/static from its own folder, and `next build` leaves those
 * files outside it: copy them in, as the Dockerfile's COPY of .next/static does. Skipped when this
 * build's assets are already there, so a running server never sees its files replaced.
 */
export function placeStaticAssets(): void {
  const buildId = readFileSync(join(ROOT, ".next", "BUILD_ID"), "utf8").trim();
  const target = join(STANDALONE, ".next", "static");
  if (existsSync(join(target, buildId))) return;
  rmSync(target, { recursive: true, force: true });
  cpSync(join(ROOT, ".next", "static"), target, { recursive: true });
}

export type NextServer = { url: string; child: ChildProcess; stop(): Promise<void> };

/** Starts the server and waits until it answers. */
export async function startNextServer(options: NextServerOptions): Promise<NextServer> {
  const server = spawnNextServer(options);
  await server.listening;
  return server;
}

type NextServerOptions = { port: number; host: string; env: Record<string, string>; dev?: boolean; logFile?: string };

/**
 * Starts the server without waiting: its stop() works at once (a stack that fails while the
 * server starts stops it too); `listening` settles when it answers or has exited.
 */
export function spawnNextServer(options: NextServerOptions): NextServer & { listening: Promise<void> } {
  if (!options.dev) placeStaticAssets();
  // The standalone server takes its address from PORT and HOSTNAME, as in the container.
  const args = options.dev ? [NEXT_BIN, "dev", "-p", String(options.port), "-H", options.host] : [join(STANDALONE, "server.js")];
  // NODE_OPTIONS may carry --conditions=react-server (set for scripts that import server-only
  // modules); Next must resolve React with its own conditions.
  const { NODE_OPTIONS: _nodeOptions, ...inherited } = process.env;
  // CONSOLE_CPU_PROF_DIR: a V8 CPU profile of the console server, written when it stops (to find
  // where a bench's time goes; Node refuses --cpu-prof in NODE_OPTIONS).
  const profile = process.env.CONSOLE_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CONSOLE_CPU_PROF_DIR}`] : [];
  // The heap limit is the production server's; `next dev` compiles in-process and needs more.
  const heap = options.dev ? [] : consoleHeapFlags(parseStackEnv({ CONSOLE_HEAP_MB: process.env.CONSOLE_HEAP_MB }).CONSOLE_HEAP_MB);
  const child = spawn(process.execPath, [...profile, ...heap, ...args], {
    // NEXT_MANUAL_SIG_HANDLE: the console handles SIGTERM/SIGINT itself (instrumentation.ts), so
    // jobs in flight get a moment to finish before the process exits.
    env: { ...inherited, ...options.env, PORT: String(options.port), HOSTNAME: options.host, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" },
    // With a log file (tests), everything the server prints is kept there, to be searched.
    stdio: options.logFile ? ["ignore", openSync(options.logFile, "a"), openSync(options.logFile, "a")] : ["ignore", "inherit", "inherit"],
  });
  const url = `http://${options.host}:${options.port}`;
  return { url, child, stop: () => stopChild(child), listening: untilAnswering(url, child) };
}

async function untilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new StackStartError(`the console server exited during start (code ${child.exitCode})`);
    const status = await probeStatus(`${url}/sign-in`, 5_000); // undefined: not listening yet
    if (status !== undefined && status < 500) return;
    // A refused connection costs nothing; a long pause here would add to every start (bench #9).
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
