// The database restarts in the middle of a run (the embedded server really stops and starts; on a
// shared PostgreSQL server, every session of the console's database is terminated for a few
// seconds, as in a failover). Jobs in flight are retried, and the end state equals Flow Service's.
import "../support/next-request";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { syncSandbox } from "@/lib/connections/sync";
import { db, disconnectDb } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { createUser } from "@/lib/users/accounts";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/db/embedded-postgres";
import { applyMigrations } from "@/scripts/db/migrations";
import { freePort } from "@/scripts/free-port";
import { createScratchDatabase, type ScratchDatabase } from "../support/databases";
import { startTestServices, type TestServices } from "../support/local-services";
import { action, Cluster, OPERATOR } from "./support/cluster";
import { newTally, reportTally } from "./tally";

const tally = newTally("database restart");
const TOKEN = { s3SessionToken: "restart-run-token", sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" };
const RUN_SIZE = 300;

/** What the test restarts: the embedded server itself, or (shared server) every session of its database. */
type Restartable = { url: string; restart(): Promise<void>; drop(): Promise<void> };

async function embeddedDatabase(): Promise<Restartable> {
  const folder = mkdtempSync(join(tmpdir(), "restart-pg-"));
  chmodSync(folder, 0o755);
  const options = { dataDir: join(folder, "pg"), port: await freePort() };
  let server: EmbeddedPostgres = await startEmbeddedPostgres(options);
  return {
    url: server.url,
    async restart() {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      server = await startEmbeddedPostgres(options);
    },
    drop: () => server.stop(),
  };
}

async function sharedServerDatabase(): Promise<Restartable> {
  const scratch: ScratchDatabase = await createScratchDatabase("postgres");
  const name = new URL(scratch.url).pathname.slice(1);
  return {
    url: scratch.url,
    async restart() {
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        // For three seconds, every session of the database is cut as soon as it appears.
        const until = Date.now() + 3_000;
        while (Date.now() < until) {
          await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await admin.end();
      }
    },
    drop: scratch.drop,
  };
}

async function pointAppAt(url: string) {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetServerEnv();
}

describe(`the database restarts mid-run (${inject("databaseTarget")})`, { timeout: 600_000 }, () => {
  let services: TestServices;
  let database: Restartable;
  let cluster: Cluster;

  beforeAll(async () => {
    services = await startTestServices({ requestLogCapacity: 20_000 });
    database = inject("databaseTarget") === "postgres" ? await sharedServerDatabase() : await embeddedDatabase();
    await applyMigrations(database.url);
    await pointAppAt(database.url);
    await createUser({ email: OPERATOR.email, name: "Cluster operator", role: "operator", password: OPERATOR.password });
    services.flow.seed(450, "prod");
    await syncSandbox("prod", { email: "setup@example.com" });
    cluster = new Cluster(database.url);
  });
  afterAll(async () => {
    await cluster.stopAll();
    await pointAppAt(inject("databaseUrl"));
    await database.drop();
    await services.close();
    reportTally(tally);
  });

  it("retries the jobs in flight; every connection is rotated once and stored as Flow Service has it", async () => {
    const remoteIds = (await db.connection.findMany({ where: { platform: "azure" }, orderBy: { name: "asc" }, take: RUN_SIZE, select: { remoteId: true } })).map((row) => row.remoteId);
    expect(remoteIds).toHaveLength(RUN_SIZE);
    const instance = await cluster.start("a");
    services.flow.addFault({ method: "PATCH", kind: "latency", latencyMs: 40, times: 10_000 });
    services.flow.clearRequests();
    const started = await action<{ ok: boolean; data?: { runId: string } }>(instance, "startRunAction", "app/(console)/connections/actions.ts", "/connections", [{ mode: "token", selection: { kind: "ids", remoteIds }, credentials: TOKEN }]);
    expect(started.ok).toBe(true);
    const runId = started.data!.runId;
    await expect.poll(() => db.rotationRunItem.count({ where: { runId, status: "done" } }), { timeout: 120_000, interval: 200 }).toBeGreaterThan(40);

    await database.restart();
    tally.faultsInjected += 1;
    tally.restarts += 1;

    await expect.poll(async () => (await db.rotationRun.findUnique({ where: { id: runId } }).catch(() => null))?.status, { timeout: 300_000, interval: 1_000 }).toBe("finished");
    tally.actions += 1;
    const items = await db.rotationRunItem.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
    expect(items.map((group) => [group.status, group._count._all])).toEqual([["done", RUN_SIZE]]);

    const successes = new Map<string, number>();
    for (const patch of services.flow.requests().filter((r) => r.method === "PATCH" && r.status === 200)) {
      const id = patch.path.split("/").pop()!;
      successes.set(id, (successes.get(id) ?? 0) + 1);
    }
    const doubled = remoteIds.filter((id) => (successes.get(id) ?? 0) > 1).length;
    const missing = remoteIds.filter((id) => (successes.get(id) ?? 0) === 0).length;
    tally.jobsDoubled += doubled;
    tally.jobsLost += missing;
    const rows = await db.connection.findMany({ where: { remoteId: { in: remoteIds } }, select: { remoteId: true, etag: true } });
    const stale = rows.filter((row) => row.etag !== services.flow.rawConnection(row.remoteId)?.etag).length;
    tally.lostUpdates += stale;
    expect({ doubled, missing, stale }).toEqual({ doubled: 0, missing: 0, stale: 0 });
    tally.actionsSurvived += 1;
  });
});
