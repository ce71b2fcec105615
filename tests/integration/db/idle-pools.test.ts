// The query pool and the rotation lock pool keep an idle connection past pg's 10 s default
// (lib/db.ts POOL_IDLE_TIMEOUT_MS): a click after a pause reuses a warm backend instead of
// authenticating a new one.
import { afterAll, describe, expect, inject, it } from "vitest";
import { db, POOL_IDLE_TIMEOUT_MS } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { stopJobSystem, withConnectionLock } from "@/lib/jobs";

const PG_DEFAULT_IDLE_MS = 10_000;
const PROBE = `idle-pool-probe-${process.pid}`;

async function queryBackend(): Promise<number> {
  const [row] = await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  return row!.pid;
}

/** The backend that held this test's connection lock (two-key advisory locks show as classid, objid). */
async function lockBackend(): Promise<number> {
  return withConnectionLock({ connectionString: serverEnv().DATABASE_URL, connectionKey: PROBE, poolSize: 1, waitMs: 1_000 }, async () => {
    const rows = await db.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = hashtext('rotation-connection')::oid AND objid = hashtext(${PROBE})::oid`;
    expect(rows).toHaveLength(1);
    return rows[0]!.pid;
  });
}

describe(`idle pooled connections (${inject("databaseTarget")})`, () => {
  afterAll(() => stopJobSystem());

  it("answer after an idle pause longer than pg's default from the same backends", { timeout: 30_000 }, async () => {
    expect(POOL_IDLE_TIMEOUT_MS).toBeGreaterThan(PG_DEFAULT_IDLE_MS);
    const before = { query: await queryBackend(), lock: await lockBackend() };
    await new Promise((resolve) => setTimeout(resolve, PG_DEFAULT_IDLE_MS + 1_500));
    expect({ query: await queryBackend(), lock: await lockBackend() }).toEqual(before);
  });
});
