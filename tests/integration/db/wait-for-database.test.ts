// A console server may start before its database (npm start, a compose file): it waits while the
// database refuses connections or says it is starting up, and stops at once on anything else.
import { afterEach, describe, expect, inject, it } from "vitest";
import { DatabaseWaitError, waitForDatabase } from "@/scripts/db/wait-for-database";
import { freePort } from "@/scripts/free-port";
import { startingDatabase, type StartingDatabase } from "../support/starting-database";

const realUrl = inject("databaseUrl");

describe(`waiting for a database that is starting (${inject("databaseTarget")})`, () => {
  let gate: StartingDatabase | undefined;
  afterEach(async () => {
    await gate?.close();
    gate = undefined;
  });

  it("connects at the first attempt to a database that is up", async () => {
    gate = startingDatabase(realUrl, await freePort());
    await gate.open();
    expect(await waitForDatabase(gate.url, { timeoutMs: 5_000 })).toEqual({ attempts: 1 });
    expect(gate.connections).toBe(1);
  });

  it("waits while nothing listens yet, then connects", async () => {
    gate = startingDatabase(realUrl, await freePort());
    const opening = new Promise((resolve) => setTimeout(resolve, 300)).then(() => gate!.open());
    const { attempts } = await waitForDatabase(gate.url, { timeoutMs: 10_000, intervalMs: 50 });
    await opening;
    expect(attempts).toBeGreaterThan(1);
    expect(gate.connections).toBe(1); // the refused attempts never reached it
  });

  it("waits while the database answers that it is starting up (57P03), then connects", async () => {
    gate = startingDatabase(realUrl, await freePort());
    await gate.listenStarting();
    const waiting = waitForDatabase(gate.url, { timeoutMs: 10_000, intervalMs: 50 });
    await expect.poll(() => gate!.connections).toBeGreaterThanOrEqual(3);
    await gate.open();
    const { attempts } = await waiting;
    expect(attempts).toBe(gate.connections);
    expect(attempts).toBeGreaterThanOrEqual(4);
  });

  it("stops at the first attempt on a failure that waiting cannot mend", async () => {
    gate = startingDatabase(realUrl, await freePort());
    await gate.open();
    const missing = new URL(gate.url);
    missing.pathname = "/no_such_database_here";
    const error = await waitForDatabase(missing.toString(), { timeoutMs: 10_000, intervalMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseWaitError);
    expect((error as Error).message).toBe(`the database at 127.0.0.1:${missing.port}/no_such_database_here refused the connection (3D000)`);
    expect(gate.connections).toBe(1);
  });

  it("gives up when its time is up, naming the address and the reason but never the password", async () => {
    const port = await freePort();
    const url = `postgresql://console:password-canary@127.0.0.1:${port}/console`;
    const error = await waitForDatabase(url, { timeoutMs: 1_000, intervalMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseWaitError);
    expect((error as Error).message).toBe(`the database at 127.0.0.1:${port}/console did not accept connections within 1 s (ECONNREFUSED)`);
    expect((error as Error).message).not.toContain("password-canary");
  });
});
