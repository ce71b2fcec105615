// The embedded default database is real PostgreSQL: data kept across restarts, recovery after a
// kill -9, and one clear line for each folder or port it cannot use.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/db/embedded-postgres";
import { freePort } from "@/scripts/free-port";

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function scratchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "embedded-pg-test-"));
  // The server may run as the system user "postgres" (when tests run as root): let it through.
  chmodSync(dir, 0o755);
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startError(options: Parameters<typeof startEmbeddedPostgres>[0]): Promise<EmbeddedPostgresError> {
  const error = await startEmbeddedPostgres(options).then(
    (server) => server.stop().then(() => new Error("started")),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmbeddedPostgresError);
  return error as EmbeddedPostgresError;
}

describe("embedded PostgreSQL", () => {
  const running: EmbeddedPostgres[] = [];
  let blocker: Server | undefined;
  afterEach(async () => {
    for (const server of running.splice(0)) await server.stop();
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
    blocker = undefined;
  });

  it("is PostgreSQL 18 on loopback, keeps its data and password across restarts", async () => {
    const dataDir = join(scratchFolder(), "pg");
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    expect((await query(first.url, "SHOW server_version"))[0].server_version).toMatch(/^18\./);
    expect((await query(first.url, "SHOW listen_addresses"))[0].listen_addresses).toBe("127.0.0.1");
    await query(first.url, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
    await first.stop();
    expect(alive(first.pid)).toBe(false);
    expect(readFileSync(`${dataDir}.password`, "utf8").trim().length).toBeGreaterThanOrEqual(24);

    const second = await startEmbeddedPostgres({ dataDir, port });
    running.push(second);
    expect(second.url).toBe(first.url);
    expect(await query(second.url, "SELECT value FROM kept")).toEqual([{ value: "still here" }]);
  });

  it("starts again after the server itself was killed with SIGKILL (stale postmaster.pid)", async () => {
    const dataDir = join(scratchFolder(), "pg");
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    process.kill(first.pid, "SIGKILL");
    await expect.poll(() => alive(first.pid)).toBe(false);
    await first.stop();
    expect(readFileSync(join(dataDir, "postmaster.pid"), "utf8")).toContain(String(first.pid));

    const second = await startEmbeddedPostgres({ dataDir, port });
    running.push(second);
    expect(await query(second.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("takes over from a server left running by a console that was killed with SIGKILL", async () => {
    const dataDir = join(scratchFolder(), "pg");
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    // The supervisor dies without a word, as under `kill -9`; its server is orphaned but running.
    const supervisor = Number(execFileSync("ps", ["-o", "ppid=", "-p", String(first.pid)], { encoding: "utf8" }).trim());
    process.kill(supervisor, "SIGKILL");
    await expect.poll(() => alive(supervisor)).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, port });
    running.push(second);
    expect(second.pid).not.toBe(first.pid);
    expect(alive(first.pid)).toBe(false);
    expect(await query(second.url, "SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("is out of reach of a Ctrl-C to its owner's process group, and stops when its owner asks", async () => {
    // The owner runs as `npm start` does in a terminal: the leader of the group a Ctrl-C reaches.
    const owner = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/embedded-postgres-owner.ts", String(await freePort())], { detached: true, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    owner.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const lines = () => output.split("\n").filter((line) => line.endsWith("}")).map((line) => JSON.parse(line) as Record<string, unknown>);
    const exited = new Promise<number | null>((resolve) => owner.once("exit", resolve));
    try {
      await expect.poll(() => lines().find((line) => "ready" in line), { timeout: 60_000 }).toBeDefined();
      const postgresPid = lines().find((line) => "ready" in line)!.ready as number;

      process.kill(-owner.pid!, "SIGINT");
      expect(await exited).toBe(0);
      expect(lines()).toContainEqual({ queryAfterSigint: "ok" });
      expect(alive(postgresPid)).toBe(false);
    } finally {
      // A failed check must not leave the owner running (its supervisor follows it out).
      if (owner.exitCode === null && owner.signalCode === null) process.kill(-owner.pid!, "SIGKILL");
    }
  });

  it("names a taken port and the variable that moves it", async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(port, "127.0.0.1", resolve));
    const error = await startError({ dataDir: join(scratchFolder(), "pg"), port });
    expect(error.message).toBe(`port ${port} is already in use: stop what uses it, or set DB_PORT to a free port`);
  });

  it("refuses a data folder of another PostgreSQL major version, saying what to do", async () => {
    const dataDir = join(scratchFolder(), "pg");
    mkdirSync(dataDir, { mode: 0o700 });
    writeFileSync(join(dataDir, "PG_VERSION"), "15\n", { mode: 0o600 });
    const error = await startError({ dataDir, port: await freePort() });
    expect(error.message).toBe(`${dataDir} was created by PostgreSQL 15, and the embedded server is PostgreSQL 18: move it away (for example: mv ${dataDir} ${dataDir}-old) to start a fresh database, or set DATABASE_URL to a PostgreSQL server, or run PostgreSQL 15 yourself and set DATABASE_URL`);
  });

  it("recognises the folder of the earlier PGlite default", async () => {
    const dataDir = join(scratchFolder(), "pg");
    mkdirSync(join(dataDir, "base"), { recursive: true });
    // PGlite writes every file world-writable; initdb never does.
    writeFileSync(join(dataDir, "PG_VERSION"), "18\n");
    chmodSync(join(dataDir, "PG_VERSION"), 0o666);
    const error = await startError({ dataDir, port: await freePort() });
    expect(error.message).toMatch(new RegExp(`^${dataDir} holds a database of the console's earlier embedded engine \\(PGlite\\), which this version no longer runs: move it away`));
  });

  it("refuses a data folder it cannot write", async () => {
    const parent = scratchFolder();
    writeFileSync(join(parent, "file"), "not a folder");
    const error = await startError({ dataDir: join(parent, "file", "pg"), port: await freePort() });
    expect(error.message).toMatch(/^the data folder .*file\/pg cannot be created \(E[A-Z]+\): choose a writable DATA_DIR$/);
  });

  it.runIf(process.getuid?.() === 0)("refuses a folder the server's system user cannot reach (running as root)", async () => {
    const parent = mkdtempSync(join(tmpdir(), "embedded-pg-private-"));
    chmodSync(parent, 0o700);
    const dataDir = join(parent, "pg");
    const error = await startError({ dataDir, port: await freePort() });
    expect(error.message).toBe(`the data folder ${dataDir} cannot be used by the database server (permissions): choose a writable DATA_DIR, or fix the folder's owner`);
  });
});
