// /api/health and /api/ready as a load balancer sees them: no session, no configuration in the
// answer, 503 with the failing check when a dependency is missing.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { NextRequest } from "next/server";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { db, disconnectDb } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { resetFlowServiceClient } from "@/lib/flow-service/server";
import { QUEUES, startJobSystem, stopJobSystem } from "@/lib/jobs";
import { proxy } from "@/proxy";
import { freePort } from "@/scripts/free-port";
import { useTestServices } from "../support/use-test-services";

type Report = { status: string; time: string; checks: { name: string; status: string; durationMs: number; detail?: string }[] };

async function readiness(): Promise<{ status: number; body: Report; text: string }> {
  const response = await ready();
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Report, text };
}

const outcomes = (report: Report) => Object.fromEntries(report.checks.map((c) => [c.name, c.detail ?? c.status]));

async function pointDatabaseAt(url: string) {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetServerEnv();
}

describe(`health and readiness (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ resetDatabase: false });
  beforeAll(async () => {
    // What the server does at start (lib/startup): open the pool and load Prisma's query compiler,
    // then start this instance's job workers.
    await db.$queryRaw`SELECT 1`;
    await startJobSystem([{ queue: QUEUES.rotateConnection, workers: 1, handler: async () => ({}) }]);
  });
  afterAll(async () => {
    await stopJobSystem();
    await pointDatabaseAt(inject("databaseUrl"));
  });

  it("health answers 200 without looking at any dependency", async () => {
    const response = health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("ready answers 200 with every check passed and timed", async () => {
    const { status, body, text } = await readiness();
    expect(status, text).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.map((c) => c.name)).toEqual(["database", "migrations", "flow_service_token", "jobs"]);
    for (const check of body.checks) {
      expect(check.status).toBe("pass");
      expect(check.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("is not ready while a migration this build ships is missing from the database's history", async () => {
    const [latest] = await db.$queryRaw<{ id: string; migration_name: string }[]>`
      SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${latest!.id}`;
    try {
      const { status, body } = await readiness();
      expect(status).toBe(503);
      expect(body.status).toBe("not_ready");
      expect(outcomes(body)).toMatchObject({ database: "pass", migrations: "1 migration(s) not applied", flow_service_token: "pass" });
    } finally {
      await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${latest!.id}`;
    }
    expect((await readiness()).status).toBe(200);
  });

  it("is not ready on a database that no migration ever ran on", async () => {
    await db.$executeRawUnsafe('ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_hidden"');
    try {
      const { status, body } = await readiness();
      expect(status).toBe(503);
      expect(outcomes(body)).toMatchObject({ database: "pass", migrations: expect.stringMatching(/^[1-9]\d* migration\(s\) not applied$/) });
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "_prisma_migrations_hidden" RENAME TO "_prisma_migrations"');
    }
  });

  it("is not ready when the database is unreachable, without naming its address", async () => {
    const port = await freePort();
    await pointDatabaseAt(`postgresql://console:db-password-canary@127.0.0.1:${port}/gone`);
    try {
      const { status, body, text } = await readiness();
      expect(status).toBe(503);
      expect(outcomes(body).database).toMatch(/^(DatabaseNotReachable|no answer within \d+ ms)$/);
      expect(outcomes(body).flow_service_token).toBe("pass");
      expect(text).not.toContain(String(port));
      expect(text).not.toContain("db-password-canary");
      expect(text).not.toContain("127.0.0.1");
    } finally {
      await pointDatabaseAt(inject("databaseUrl"));
    }
  });

  it("is not ready when IMS refuses the console's credentials, without showing them", async () => {
    const secret = process.env.ADOBE_CLIENT_SECRET;
    process.env.ADOBE_CLIENT_SECRET = "wrong-secret-canary";
    resetServerEnv();
    resetFlowServiceClient();
    try {
      const { status, body, text } = await readiness();
      expect(status).toBe(503);
      expect(outcomes(body)).toMatchObject({ database: "pass", migrations: "pass", flow_service_token: "unauthorized" });
      expect(text).not.toContain("wrong-secret-canary");
      expect(text).not.toContain(services.flow.url);
    } finally {
      process.env.ADOBE_CLIENT_SECRET = secret;
      resetServerEnv();
      resetFlowServiceClient();
    }
    expect((await readiness()).status).toBe(200);
  });

  it("is not ready while this instance's job workers are not running", async () => {
    await stopJobSystem();
    try {
      const { status, body } = await readiness();
      expect(status).toBe(503);
      expect(outcomes(body)).toMatchObject({ database: "pass", jobs: "the job workers of this instance are not running yet" });
    } finally {
      await startJobSystem([{ queue: QUEUES.rotateConnection, workers: 1, handler: async () => ({}) }]);
    }
    expect((await readiness()).status).toBe(200);
  });

  it("needs no session: the proxy lets health, readiness and metrics through, and still guards pages", async () => {
    for (const path of ["/api/health", "/api/ready?verbose=1", "/api/metrics"]) {
      const response = await proxy(new NextRequest(`http://console.test${path}`));
      expect(response.headers.get("location"), path).toBeNull();
    }
    const page = await proxy(new NextRequest("http://console.test/connections"));
    expect(page.headers.get("location")).toMatch(/\/sign-in/);
  });
});
