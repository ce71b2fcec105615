// The container image, without Docker: the Dockerfile's runtime stage is read (support/dockerfile.ts)
// and reproduced from the build every test runs — the same files at the same places, the same
// environment and working directory, the same CMD, as the image's unprivileged user when this runs
// as root — against a fresh, empty database. Then the smoke test: health, readiness (migrations
// applied at start), the sign-in page and its static files, metrics, the HEALTHCHECK command, JSON logs.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { Session } from "../../bench/session";
import { freePort } from "../../scripts/free-port";
import { stopChild } from "../../scripts/child-process";
import { createScratchDatabase, type ScratchDatabase } from "../integration/support/databases";
import { readDockerfile } from "./support/dockerfile";

test.describe.configure({ timeout: 240_000 });

const ROOT = process.cwd();
const METRICS_TOKEN = "container-smoke-metrics-token";
const ADMIN = { email: "first-admin@example.com", password: "container-smoke-admin-password" };
/** The official Node image's `node` user. */
const IMAGE_USER = { uid: 1000, gid: 1000 };

let server: ChildProcess | undefined;
let database: ScratchDatabase | undefined;
let image: string | undefined;
test.afterAll(async () => {
  if (server) await stopChild(server);
  await database?.drop();
  if (image) rmSync(image, { recursive: true, force: true });
});

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}):\n${readFileSync(logFile, "utf8").slice(-3000)}`);
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url}/api/health within 120 s:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
}

test("the image's runtime stage starts on an empty database and passes the smoke test", async () => {
  const { stages, runtime } = readDockerfile(join(ROOT, "Dockerfile"));
  expect(runtime.image).toMatch(/^node:24(\.\d+)*-(bookworm-|trixie-)?slim$/);
  expect(runtime.user && !["root", "0"].includes(runtime.user)).toBe(true);
  expect(runtime.env.DATABASE_URL).toBeUndefined();
  const build = stages.find((stage) => stage.name === "build");
  expect(build, "a stage named build").toBeDefined();

  // The image's filesystem: each COPY --from=build, from this checkout's build.
  image = mkdtempSync(join(tmpdir(), "s3console-image-"));
  chmodSync(image, 0o755);
  const inImage = (path: string) => join(image!, path);
  for (const copy of runtime.copies) {
    expect(copy.from, "the runtime stage copies from the build stage only").toBe("build");
    for (const source of copy.sources) {
      const local = join(ROOT, posix.relative(build!.workdir, source));
      expect(existsSync(local), `${source} exists after the build`).toBe(true);
      // The image's build never has static files inside the standalone folder (the local stack
      // puts them there): leave them out, so only the Dockerfile's own COPY can provide them.
      const localStatic = join(ROOT, ".next", "standalone", ".next", "static");
      cpSync(local, inImage(copy.destination), { recursive: true, verbatimSymlinks: true, filter: (path) => path !== localStatic });
    }
  }

  // Its environment: the Dockerfile's ENV, then what an operator passes (see compose.yaml).
  database = await createScratchDatabase();
  const stackEnv = JSON.parse(process.env.E2E_CONSOLE_ENV!) as Record<string, string>;
  const port = await freePort();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: tmpdir(),
    ...runtime.env,
    PORT: String(port),
    DATABASE_URL: database.url,
    AUTH_SECRET: "container-smoke-auth-secret-0123456789abcdef",
    METRICS_TOKEN,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...Object.fromEntries(["FLOW_SERVICE_URL", "ADOBE_IMS_URL", "ADOBE_CLIENT_ID", "ADOBE_CLIENT_SECRET", "ADOBE_ORG_ID", "OUTBOUND_ALLOW"].map((name) => [name, stackEnv[name]!])),
  };
  const asImageUser = process.getuid?.() === 0 ? IMAGE_USER : {};
  const [command, ...args] = runtime.cmd;
  const executable = (name: string) => (name === "node" ? process.execPath : name);
  const logFile = join(tmpdir(), `s3console-image-${port}.log`);
  const child = spawn(executable(command!), args, { cwd: inImage(runtime.workdir), env: env as NodeJS.ProcessEnv, ...asImageUser, stdio: ["ignore", openSync(logFile, "w"), openSync(logFile, "a")] });
  server = child;
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, logFile);

  // The HEALTHCHECK command, as Docker runs it.
  const healthcheck = () => {
    const [hcCommand, ...hcArgs] = runtime.healthcheck!.command;
    return spawnSync(executable(hcCommand!), hcArgs, { cwd: inImage(runtime.workdir), env: env as NodeJS.ProcessEnv, ...asImageUser, timeout: 10_000 }).status;
  };
  expect(runtime.healthcheck?.command.join(" ")).toContain("/api/health");
  expect(healthcheck()).toBe(0);
  expect((await fetch(`${url}/api/health?verbose=1`, { method: "HEAD" })).status).toBe(200);

  // Ready: the empty database was migrated at start, IMS gives a token.
  // Probed as an orchestrator would: until it answers 200 (or a minute has passed).
  let ready: Response | undefined;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 1_000))) {
    ready = await fetch(`${url}/api/ready?probe=1`);
    if (ready.status === 200) break;
  }
  const report = (await ready!.json()) as { status: string; checks: { name: string; status: string }[] };
  expect(ready!.status, JSON.stringify(report)).toBe(200);
  expect(report.checks.map((c) => `${c.name}:${c.status}`)).toEqual(["database:pass", "migrations:pass", "flow_service_token:pass", "jobs:pass"]);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL');
    const shipped = readdirSync(join(ROOT, "prisma", "migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    expect(rows[0]?.n).toBe(shipped);
  } finally {
    await client.end();
  }

  // The sign-in page, its static files, and the redirect of an anonymous visitor.
  const signIn = await fetch(`${url}/sign-in`);
  expect(signIn.status).toBe(200);
  const html = await signIn.text();
  expect(html).toContain("Sign in");
  const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+)"/g)].map((m) => m[1]!);
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets.slice(0, 5)) expect((await fetch(`${url}${asset}`)).status, asset).toBe(200);
  const anonymous = await fetch(`${url}/connections`, { redirect: "manual" });
  expect(anonymous.headers.get("location")).toMatch(/\/sign-in/);

  // The first admin, created at start from ADMIN_EMAIL and ADMIN_PASSWORD, signs in and sees the inventory.
  const session = new Session(url);
  await session.signIn(ADMIN.email, ADMIN.password);
  const inventory = await session.get("/connections");
  expect(inventory.status).toBe(200);
  expect(inventory.text).toContain("Connections");

  // Metrics behind the token.
  expect((await fetch(`${url}/api/metrics`)).status).toBe(401);
  const metrics = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(metrics.status).toBe(200);
  const exposition = await metrics.text();
  expect(exposition).toMatch(/^s3console_session_tokens_expiring\{sandbox="prod"\} 0$/m);
  expect(exposition).toMatch(/^s3console_sign_ins_total\{method="credentials",outcome="success"\} 1$/m);
  // The image's NODE_OPTIONS reached the server: a 192 MB old generation and three 16 MB
  // semi-spaces for the young one, on Node 20 and 24 alike.
  expect(runtime.env.NODE_OPTIONS).toBe("--max-old-space-size=192 --max-semi-space-size=16");
  const heapLimit = Number(/^s3console_heap_size_limit_bytes (\d+)$/m.exec(exposition)?.[1]);
  expect(heapLimit).toBe(240 * 2 ** 20);

  // Logs: JSON lines once the server has started (Next prints its banner before the logger exists).
  await stopChild(child);
  const lines = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
  const firstJson = lines.findIndex((line) => line.startsWith("{"));
  expect(firstJson).toBeGreaterThanOrEqual(0);
  const events = lines.slice(firstJson).map((line) => JSON.parse(line) as { level: string; msg: string });
  expect(events.map((e) => e.msg)).toEqual(expect.arrayContaining(["database migrations applied", "first admin created from ADMIN_EMAIL and ADMIN_PASSWORD", "ready"]));
  expect(readFileSync(logFile, "utf8")).not.toContain(ADMIN.password);
  expect(healthcheck()).not.toBe(0);
});
