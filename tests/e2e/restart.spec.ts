// `npm start` twice on one data folder, as a person restarts it: on the restart the console server
// starts beside the embedded database and waits for it, and the console comes back with the same
// admin and the same demo, nothing created twice. A restart whose database cannot start stops with
// one line and leaves nothing running, the console server it had already started included.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { Session } from "../../bench/session";
import { freeStackPorts } from "../../scripts/free-port";
import { probeStatus } from "../../scripts/http-probe";
import { assertPortFree } from "../../scripts/stack/ports";

test.describe.configure({ timeout: 180_000 });

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** The command `npm start` runs, with only the variables given here (not the e2e stack's own). */
function npmStart(env: Record<string, string>): Run {
  // NODE_ENV unset, as in a person's shell (Next's types declare it always present).
  const childEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as Record<string, string> as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join("scripts", "start.ts")], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function running(run: Run): Promise<void> {
  await expect.poll(() => run.output().includes("S3 Source Console is running") || run.child.exitCode !== null, { timeout: 120_000 }).toBe(true);
  expect(run.child.exitCode, run.output()).toBeNull();
}

/** Ctrl-C, as a person stops it. */
async function stop(run: Run): Promise<void> {
  if (run.child.exitCode === null) run.child.kill("SIGINT");
  await run.exited;
}

const runs: Run[] = [];
let dataDir: string | undefined;
test.afterAll(async () => {
  for (const run of runs) await stop(run);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("a restart comes back with the same admin and demo; a restart whose database cannot start leaves nothing running", async () => {
  dataDir = mkdtempSync(join(tmpdir(), "s3console-restart-"));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as the user postgres when we are root
  const password = "restart-admin-password";
  const env = {
    DATA_DIR: dataDir,
    ...(await freeStackPorts()),
    ADMIN_PASSWORD: password,
    SYNC_INTERVAL_SECONDS: "0",
  };
  const origin = `http://127.0.0.1:${env.PORT}`;
  const databaseUrl = () => `postgresql://postgres:${encodeURIComponent(readFileSync(join(dataDir!, "db-password"), "utf8").trim())}@127.0.0.1:${env.DB_PORT}/postgres`;
  const count = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      return Number((await client.query<{ n: number }>(sql)).rows[0]!.n);
    } finally {
      await client.end();
    }
  };

  const first = npmStart(env);
  runs.push(first);
  await running(first);
  expect(first.output()).toContain("Password         the value of ADMIN_PASSWORD");
  await expect.poll(() => probeStatus(`${origin}/api/ready`, 5_000), { timeout: 30_000 }).toBe(200);
  const connections = await count(`SELECT count(*)::int AS n FROM "Connection"`);
  expect(connections).toBeGreaterThanOrEqual(3);
  await stop(first);

  const second = npmStart(env);
  runs.push(second);
  await running(second);
  expect(second.output()).toContain("Password         unchanged since the first start");
  await expect.poll(() => probeStatus(`${origin}/api/ready`, 5_000), { timeout: 30_000 }).toBe(200);
  const session = new Session(origin);
  await session.signIn("admin@example.com", password);
  expect((await session.get("/connections")).status).toBe(200);
  expect(await count(`SELECT count(*)::int AS n FROM "User"`)).toBe(1);
  expect(await count(`SELECT count(*)::int AS n FROM "Connection"`)).toBe(connections);
  expect(await count(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'connections.sync'`)).toBe(1);
  await stop(second);

  // A setting PostgreSQL does not know: the cluster refuses to start.
  appendFileSync(join(dataDir, "pg", "postgresql.conf"), "\nno_such_setting_here = on\n");
  const third = npmStart(env);
  runs.push(third);
  expect(await third.exited).toBe(1);
  expect(third.output()).toMatch(/✖ Cannot start: the embedded database/);
  for (const [variable, port] of Object.entries(env).filter(([name]) => name.endsWith("PORT"))) await assertPortFree(Number(port), "left running by the failed start", variable);
});
