// The query pool keeps an idle connection past pg's 10 s default (lib/db.ts POOL_IDLE_TIMEOUT_MS):
// a click after a pause reuses a warm backend instead of authenticating a new one.
import { describe, expect, inject, it } from "vitest";
import { db, POOL_IDLE_TIMEOUT_MS } from "@/lib/db";

const PG_DEFAULT_IDLE_MS = 10_000;

async function backendPid(): Promise<number> {
  const [row] = await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  return row!.pid;
}

describe(`the query pool (${inject("databaseTarget")})`, () => {
  it("answers after an idle pause longer than pg's default from the same backend", { timeout: 30_000 }, async () => {
    expect(POOL_IDLE_TIMEOUT_MS).toBeGreaterThan(PG_DEFAULT_IDLE_MS);
    const before = await backendPid();
    await new Promise((resolve) => setTimeout(resolve, PG_DEFAULT_IDLE_MS + 1_500));
    expect(await backendPid()).toBe(before);
  });
});
