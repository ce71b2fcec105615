// What a server process does before serving (instrumentation.ts → lib/startup/prepare-server.ts):
// stop on a bad configuration with one line naming it, migrate, create the first admin.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { prepareServer } from "@/lib/startup/prepare-server";
import { captureLogs, type LogCapture } from "../support/log-capture";
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
});
