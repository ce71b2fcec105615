import { describe, expect, it } from "vitest";
import { EnvError, parseServerEnv } from "@/lib/env";
import { sanitizeAuditDetails } from "@/lib/audit/sanitize";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { consoleHeapFlags, DEFAULT_HEAP_MB, parseStackEnv, StackStartError } from "@/scripts/stack/config";

const VALID = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/console",
  AUTH_SECRET: "x".repeat(40),
  ADOBE_CLIENT_ID: "id",
  ADOBE_CLIENT_SECRET: "secret",
  ADOBE_ORG_ID: "ORG@AdobeOrg",
};

describe("server environment", () => {
  it("accepts a complete configuration and fills defaults", () => {
    const env = parseServerEnv(VALID);
    expect(env.CONSOLE_SANDBOXES).toEqual(["prod", "dev"]);
    expect(env.FLOW_SERVICE_URL).toBe("https://platform.adobe.io/data/foundation/flowservice");
  });

  it("names every problem, without echoing values", () => {
    const attempt = () => parseServerEnv({ ...VALID, DATABASE_URL: "mysql://nope", AUTH_SECRET: "short", ADOBE_CLIENT_SECRET: "" });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL must be a postgresql:\/\/ URL/);
      expect(message).toMatch(/AUTH_SECRET must be at least 32 characters/);
      expect(message).toMatch(/ADOBE_CLIENT_SECRET/);
      expect(message).not.toContain("short");
    }
  });
});

describe("operations settings", () => {
  it("default to info logs in the automatic format, migrations at start, metrics off", () => {
    const env = parseServerEnv(VALID);
    expect(env).toMatchObject({ LOG_LEVEL: "info", MIGRATE_ON_START: true });
    expect(env.LOG_FORMAT).toBeUndefined();
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(parseServerEnv({ ...VALID, MIGRATE_ON_START: "false", LOG_FORMAT: "pretty", LOG_LEVEL: "debug" })).toMatchObject({ MIGRATE_ON_START: false, LOG_FORMAT: "pretty", LOG_LEVEL: "debug" });
  });

  it("name each bad value's variable", () => {
    const attempt = () => parseServerEnv({ ...VALID, LOG_LEVEL: "loud", LOG_FORMAT: "xml", METRICS_TOKEN: "short-token", MIGRATE_ON_START: "yes" });
    expect(attempt).toThrow(EnvError);
    const problems = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as EnvError).problems;
      }
      return [];
    })();
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^LOG_LEVEL /), expect.stringMatching(/^LOG_FORMAT /), expect.stringMatching(/^METRICS_TOKEN must be at least 16 characters/), expect.stringMatching(/^MIGRATE_ON_START must be true or false/)]),
    );
    expect(problems.join("\n")).not.toContain("short-token");
  });
});

describe("stack environment (npm start)", () => {
  it("explains a malformed DATABASE_URL in one line", () => {
    expect(() => parseStackEnv({ DATABASE_URL: "localhost:5432" })).toThrow(StackStartError);
    expect(() => parseStackEnv({ DATABASE_URL: "localhost:5432" })).toThrow(/DATABASE_URL is not a valid postgresql:\/\/ URL/);
  });

  it("rejects a short ADMIN_PASSWORD and bad ports", () => {
    expect(() => parseStackEnv({ ADMIN_PASSWORD: "short" })).toThrow(/ADMIN_PASSWORD must be at least 12 characters/);
    expect(() => parseStackEnv({ PORT: "99999" })).toThrow(/PORT/);
  });

  it("defaults to the embedded database and port 3000", () => {
    const env = parseStackEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it("caps the server's heap at 192 MB, as the image does, and refuses a heap too small or not a number", () => {
    expect(parseStackEnv({}).CONSOLE_HEAP_MB).toBe(192);
    expect(parseStackEnv({ CONSOLE_HEAP_MB: "512" }).CONSOLE_HEAP_MB).toBe(512);
    for (const bad of ["64", "2GB", "256.5"]) expect(() => parseStackEnv({ CONSOLE_HEAP_MB: bad })).toThrow("CONSOLE_HEAP_MB must be a whole number of megabytes, 128 or more");
    expect(readFileSync("Dockerfile", "utf8")).toContain(`ENV NODE_OPTIONS="${consoleHeapFlags(DEFAULT_HEAP_MB).join(" ")}"\n`);
  });

  it("caps the young generation too, so the heap limit is the same on Node 20 and 24 whatever the machine's memory", () => {
    // V8's limit is the old generation plus three semi-spaces: 192 + 3 × 16 MB. Without the
    // second flag, Node 24 on this 24 GB machine reports 384 MB.
    const limit = execFileSync(process.execPath, [...consoleHeapFlags(192), "-p", "require('node:v8').getHeapStatistics().heap_size_limit"], { encoding: "utf8" });
    expect(Number(limit) / 2 ** 20).toBe(240);
  });
});

describe("audit details", () => {
  it("drops every credential-looking key at any depth", () => {
    const clean = sanitizeAuditDetails({
      name: "conn",
      s3SecretKey: "AAA",
      nested: { s3SessionToken: "BBB", bucket: "b", headers: { Authorization: "Bearer CCC" } },
      list: [{ password: "DDD", ok: 1 }],
    });
    const text = JSON.stringify(clean);
    for (const secret of ["AAA", "BBB", "CCC", "DDD"]) expect(text).not.toContain(secret);
    expect(clean).toEqual({ name: "conn", nested: { bucket: "b", headers: {} }, list: [{ ok: 1 }] });
  });

  it("ignores prototype-pollution keys", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    expect(sanitizeAuditDetails(input)).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
