// What a server process does before serving (instrumentation.ts → lib/startup/prepare-server.ts):
// stop on a bad configuration with one line naming it, migrate, create the first admin.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { prepareServer } from "@/lib/startup/prepare-server";
import { freePort } from "@/scripts/free-port";
import { captureLogs, type LogCapture } from "../support/log-capture";
import { startingDatabase, type StartingDatabase } from "../support/starting-database";
import { resetDatabase } from "../support/reset";

const saved = { ...process.env };
const savedConsole = { ...console };
const exited: number[] = [];
const exit = ((code: number) => {
  exited.push(code);
  return undefined as never;
}) as (code: number) => never;

function setEnv(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetServerEnv();
}

describe(`server start-up (${inject("databaseTarget")})`, () => {
  let logs: LogCapture;
  const level = log.level;
  beforeAll(() => {
    log.level = "info";
  });
  afterAll(() => {
    log.level = level;
  });
  beforeEach(async () => {
    await resetDatabase();
    exited.length = 0;
    setEnv({ SYNC_INTERVAL_SECONDS: "0", MIGRATE_ON_START: "true", ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined });
    logs = captureLogs();
  });
  let gate: StartingDatabase | undefined;
  afterAll(async () => {
    await gate?.close();
  });
  afterEach(() => {
    logs.stop();
    Object.assign(console, savedConsole);
    process.env = { ...saved };
    resetServerEnv();
  });

  it("stops on a bad configuration with one line naming every bad variable, never its value", async () => {
    setEnv({ LOG_LEVEL: "loud", METRICS_TOKEN: "short-canary", MIGRATE_ON_START: "maybe" });
    await prepareServer(exit);
    expect(exited).toEqual([1]);
    const fatal = logs.lines().filter((line) => line.level === "fatal");
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/^cannot start: invalid configuration: /);
    for (const name of ["LOG_LEVEL", "METRICS_TOKEN", "MIGRATE_ON_START"]) expect(fatal[0]!.msg).toContain(name);
    expect(logs.text()).not.toContain("short-canary");
  });

  it("applies migrations, then creates the first admin of an empty database once", async () => {
    setEnv({ ADMIN_EMAIL: "first@example.com", ADMIN_PASSWORD: "first-admin-password-canary" });
    await prepareServer(exit);
    await prepareServer(exit);
    expect(exited).toEqual([]);
    expect(await db.user.findMany({ select: { email: true, role: true } })).toEqual([{ email: "first@example.com", role: "admin" }]);
    const messages = logs.lines().map((line) => line.msg);
    expect(messages.filter((m) => m === "database schema is up to date")).toHaveLength(2);
    expect(messages.filter((m) => m === "first admin created from ADMIN_EMAIL and ADMIN_PASSWORD")).toHaveLength(1);
    expect(logs.text()).not.toContain("first-admin-password-canary");
  });

  it("creates one first admin when two replicas start together on an empty database", async () => {
    setEnv({ ADMIN_EMAIL: "first@example.com", ADMIN_PASSWORD: "first-admin-password-canary", MIGRATE_ON_START: "false" });
    await Promise.all([prepareServer(exit), prepareServer(exit)]);
    expect(await db.user.count()).toBe(1);
    expect(logs.lines().filter((line) => line.level === "error")).toEqual([]);
  });

  it("says how to get in when the database has no account and no ADMIN_PASSWORD is set", async () => {
    setEnv({ MIGRATE_ON_START: "false" });
    await prepareServer(exit);
    expect(exited).toEqual([]);
    expect(await db.user.count()).toBe(0);
    // Among the warnings, not necessarily the first: background work of the same process (a Flow
    // Service retry) may log a warning of its own meanwhile.
    const warnings = logs.lines().filter((line) => line.level === "warn").map((line) => line.msg);
    expect(warnings).toContainEqual(expect.stringMatching(/no account yet: set ADMIN_EMAIL and ADMIN_PASSWORD/));
  });

  it("waits for a database that is still starting, then migrates", async () => {
    // Kept open until the file ends: anything this start leaves running may still use it.
    gate = startingDatabase(inject("databaseUrl"), await freePort());
    await gate.listenStarting();
    setEnv({ DATABASE_URL: gate.url, MIGRATE_ON_START: "true" });
    const starting = prepareServer(exit);
    await expect.poll(() => gate!.connections).toBeGreaterThanOrEqual(2);
    await gate.open();
    await starting;
    expect(exited).toEqual([]);
    const lines = logs.lines();
    expect(lines.find((line) => line.msg === "the database accepts connections")).toMatchObject({ attempts: expect.any(Number) });
    expect(lines.map((line) => line.msg)).toContain("database schema is up to date");
    expect(lines.filter((line) => line.level === "fatal")).toEqual([]);
  });

  it("stops with one line when the database accepts no connection within DATABASE_WAIT_SECONDS", async () => {
    const port = await freePort();
    setEnv({ DATABASE_URL: `postgresql://console:password-canary@127.0.0.1:${port}/console`, DATABASE_WAIT_SECONDS: "1", MIGRATE_ON_START: "true" });
    await prepareServer(exit);
    expect(exited).toEqual([1]);
    const fatal = logs.lines().filter((line) => line.level === "fatal");
    expect(fatal.map((line) => line.msg)).toEqual([`cannot start: the database at 127.0.0.1:${port}/console did not accept connections within 1 s (ECONNREFUSED)`]);
    expect(logs.text()).not.toContain("password-canary");
  });
});
