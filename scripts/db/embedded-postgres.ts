// Starts the embedded default database: PGlite behind the Postgres wire protocol, in a child process.
// One Postgres schema and one migration history then serve both PGlite and a real server.
import { fork } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stopChild } from "../child-process";

export type EmbeddedPostgres = { url: string; port: number; pid: number; stop(): Promise<void> };

export class EmbeddedPostgresError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

const CHILD = fileURLToPath(new URL("./embedded-postgres-child.ts", import.meta.url));

/**
 * @param dataDir a folder (kept across restarts) or "memory://" for a throwaway database
 * @param port the TCP port on 127.0.0.1; it must be free
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; maxConnections?: number; readyTimeoutMs?: number }): Promise<EmbeddedPostgres> {
  if (options.dataDir !== "memory://") mkdirSync(options.dataDir, { recursive: true });
  const child = fork(CHILD, [options.dataDir, String(options.port), String(options.maxConnections ?? 32)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new EmbeddedPostgresError(`the embedded database did not start within ${options.readyTimeoutMs ?? 60_000} ms`, "TIMEOUT"));
    }, options.readyTimeoutMs ?? 60_000);
    child.on("message", (message: { type?: string; code?: string; message?: string }) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve();
      } else if (message.type === "error") {
        clearTimeout(timer);
        child.kill("SIGKILL");
        reject(describeStartFailure(message.code ?? "", message.message ?? "", options));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new EmbeddedPostgresError(`the embedded database exited during start (code ${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`, "EXIT"));
    });
  });

  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres?sslmode=disable`,
    port: options.port,
    pid: child.pid ?? -1,
    stop: () => stopChild(child),
  };
}

function describeStartFailure(code: string, message: string, options: { dataDir: string; port: number }): EmbeddedPostgresError {
  if (code === "EADDRINUSE") {
    return new EmbeddedPostgresError(`port ${options.port} is already in use: stop what uses it or set DB_PORT to a free port`, code);
  }
  if (code === "DATA_DIR") {
    return new EmbeddedPostgresError(`the embedded database in ${options.dataDir} could not be opened (${message}): is another console running on it? If not, move the folder away to start fresh`, code);
  }
  return new EmbeddedPostgresError(`the embedded database failed to start: ${message}`, code || "SERVER");
}

