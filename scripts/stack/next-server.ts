// Builds the console when needed and runs `next start` as a child process.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { StackStartError } from "./config";
import { stopChild } from "../child-process";

const ROOT = process.cwd();
const NEXT_BIN = join(ROOT, "node_modules", "next", "dist", "bin", "next");
const SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs"];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when there is no production build or a source file changed after it was made. */
export function buildIsStale(): boolean {
  const buildId = join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

export function buildConsole(log: (line: string) => void): void {
  log("building the console (first start, or sources changed)…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new StackStartError("`next build` failed (its output is above)");
}

export type NextServer = { url: string; child: ChildProcess; stop(): Promise<void> };

export async function startNextServer(options: { port: number; host: string; env: Record<string, string>; dev?: boolean; logFile?: string }): Promise<NextServer> {
  const args = [NEXT_BIN, options.dev ? "dev" : "start", "-p", String(options.port), "-H", options.host];
  // NODE_OPTIONS may carry --conditions=react-server (set for scripts that import server-only
  // modules); Next must resolve React with its own conditions.
  const { NODE_OPTIONS: _nodeOptions, ...inherited } = process.env;
  const child = spawn(process.execPath, args, {
    // NEXT_MANUAL_SIG_HANDLE: the console handles SIGTERM/SIGINT itself (instrumentation.ts), so
    // jobs in flight get a moment to finish before the process exits.
    env: { ...inherited, ...options.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" },
    // With a log file (tests), everything the server prints is kept there, to be searched.
    stdio: options.logFile ? ["ignore", openSync(options.logFile, "a"), openSync(options.logFile, "a")] : ["ignore", "inherit", "inherit"],
  });
  const url = `http://${options.host}:${options.port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new StackStartError(`the console server exited during start (code ${child.exitCode})`);
    try {
      const response = await fetch(`${url}/sign-in`, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, child, stop: () => stopChild(child) };
}

