import { afterEach, describe, expect, it, vi } from "vitest";
import { claimRequestIdForFlowService, createLogger, withLogContext, addLogContext } from "@/lib/log";
import { logSettings } from "@/lib/log/config";
import { redactSecretFields } from "@/lib/log/redact";
import { routeConsoleToLogger } from "@/lib/log/console";

function capture() {
  const chunks: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write);
  return chunks;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("JSON log lines", () => {
  it("carry the level as a word, an ISO time, the request context and the call site's fields", () => {
    const chunks = capture();
    const log = createLogger({ LOG_FORMAT: "json" });
    withLogContext({ requestId: "req-1", action: "rotateTokenAction" }, () => {
      addLogContext({ actor: "ops@example.com", sandbox: "prod", connectionId: "c-1" });
      log.info({ flowRequestId: "flow-1", durationMs: 12 }, "action finished");
    });
    log.warn("outside any request");
    const [inside, outside] = chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>);
    expect(inside).toMatchObject({ level: "info", requestId: "req-1", action: "rotateTokenAction", actor: "ops@example.com", sandbox: "prod", connectionId: "c-1", flowRequestId: "flow-1", durationMs: 12, msg: "action finished" });
    expect(new Date(String(inside!.time)).toISOString()).toBe(inside!.time);
    expect(outside).toMatchObject({ level: "warn", msg: "outside any request" });
    expect(outside).not.toHaveProperty("requestId");
    expect(chunks.every((chunk) => chunk.endsWith("}\n") && !chunk.slice(0, -1).includes("\n"))).toBe(true);
  });

  it("redacts secret-named fields at the top level and nested two deep", () => {
    const chunks = capture();
    const log = createLogger({ LOG_FORMAT: "json" });
    log.info(
      {
        password: "canary-password",
        params: { s3SecretKey: "canary-secret", s3SessionToken: "canary-token", bucketName: "kept-bucket" },
        request: { headers: { authorization: "Bearer canary-bearer", "x-api-key": "canary-api-key" } },
        env: { ADOBE_CLIENT_SECRET: "canary-client-secret", DATABASE_URL: "postgresql://u:canary-db@h/db" },
      },
      "with secrets",
    );
    const text = chunks.join("");
    for (const canary of ["canary-password", "canary-secret", "canary-token", "canary-bearer", "canary-api-key", "canary-client-secret", "canary-db"]) expect(text).not.toContain(canary);
    expect(text).toContain("kept-bucket");
    expect(text).toContain("[redacted]");
  });

  it("redacts them deeper too, inside arrays, without touching the caller's objects", () => {
    const chunks = capture();
    const log = createLogger({ LOG_FORMAT: "json" });
    const fields = { run: { items: [{ connection: { auth: { params: { s3SessionToken: "canary-deep-token", bucketName: "kept-deep" } } } }, "plain"] }, at: new Date("2026-12-01T00:00:00Z") };
    const before = JSON.stringify(fields);
    log.info(fields, "deep");
    const line = JSON.parse(chunks.join("")) as typeof fields;
    expect(line.run.items[0]).toEqual({ connection: { auth: { params: { s3SessionToken: "[redacted]", bucketName: "kept-deep" } } } });
    expect(line.run.items[1]).toBe("plain");
    expect(line.at).toBe("2026-12-01T00:00:00.000Z");
    expect(JSON.stringify(fields)).toBe(before);
  });

  it("passes a line without secrets through as it is, and redacts the request context as well", () => {
    const fields = { outcome: "success", nested: { durationMs: 3, list: [1, { name: "n" }] } };
    expect(redactSecretFields(fields)).toBe(fields);
    const chunks = capture();
    const log = createLogger({ LOG_FORMAT: "json" });
    withLogContext({ requestId: "req-9" }, () => {
      addLogContext({ token: "canary-context-token" } as Parameters<typeof addLogContext>[0]);
      log.info("context");
    });
    expect(chunks.join("")).not.toContain("canary-context-token");
    expect(JSON.parse(chunks.join(""))).toMatchObject({ requestId: "req-9", token: "[redacted]" });
  });

  it("logs errors by type, first message line, codes and stack frames, never their other properties", () => {
    const chunks = capture();
    const log = createLogger({ LOG_FORMAT: "json" });
    const error = Object.assign(new Error("Flow Service refused\nbody: canary-in-body"), { kind: "validation", status: 400, requestId: "flow-9", detail: "canary-in-detail" });
    log.error({ err: error }, "failed");
    const line = JSON.parse(chunks.join("")) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: "Error", message: "Flow Service refused", kind: "validation", status: 400, requestId: "flow-9" });
    expect(String(line.err.stack)).toMatch(/^at /);
    expect(chunks.join("")).not.toContain("canary-in");
  });

  it("honours LOG_LEVEL", () => {
    const chunks = capture();
    const log = createLogger({ LOG_FORMAT: "json", LOG_LEVEL: "warn" });
    log.info("hidden");
    log.debug("hidden too");
    log.error("shown");
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toContain("shown");
  });

  it("pretty-prints for a person when LOG_FORMAT=pretty", () => {
    const chunks = capture();
    const log = createLogger({ LOG_FORMAT: "pretty" });
    withLogContext({ requestId: "req-7" }, () => log.info({ durationMs: 5 }, "hello operator"));
    const text = chunks.join("");
    expect(text).toMatch(/INFO.*hello operator/);
    expect(text).toContain("req-7");
    expect(() => JSON.parse(text)).toThrow();
  });
});

describe("log settings", () => {
  it("are pretty in a terminal and JSON elsewhere, unless LOG_FORMAT says otherwise", () => {
    expect(logSettings({}, true)).toEqual({ level: "info", format: "pretty" });
    expect(logSettings({}, false)).toEqual({ level: "info", format: "json" });
    expect(logSettings({ LOG_FORMAT: "json" }, true).format).toBe("json");
    expect(logSettings({ LOG_FORMAT: "pretty", LOG_LEVEL: "debug" }, false)).toEqual({ level: "debug", format: "pretty" });
  });

  it("fall back to defaults on a bad value (the start-up validation reports it)", () => {
    expect(logSettings({ LOG_LEVEL: "loud", LOG_FORMAT: "xml" }, false)).toEqual({ level: "info", format: "json" });
  });
});

describe("request ids for Flow Service", () => {
  it("give the request's id to its first Flow Service call only", () => {
    expect(claimRequestIdForFlowService()).toBeUndefined();
    withLogContext({ requestId: "req-42" }, () => {
      expect(claimRequestIdForFlowService()).toBe("req-42");
      expect(claimRequestIdForFlowService()).toBeUndefined();
    });
  });
});

describe("console output in JSON mode", () => {
  it("becomes JSON lines, errors reduced to their safe form", () => {
    const saved = { ...console };
    const format = process.env.LOG_FORMAT;
    process.env.LOG_FORMAT = "json";
    const chunks = capture();
    try {
      routeConsoleToLogger(createLogger({ LOG_FORMAT: "json" }));
      console.warn("cache %s is cold", "fetch");
      console.error(" ⨯ render failed", new TypeError("boom\ncanary-detail"));
    } finally {
      Object.assign(console, saved);
      process.env.LOG_FORMAT = format;
    }
    const [warn, error] = chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>);
    expect(warn).toMatchObject({ level: "warn", msg: "cache fetch is cold" });
    expect(error).toMatchObject({ level: "error", msg: "⨯ render failed", err: { type: "TypeError", message: "boom" } });
    expect(chunks.join("")).not.toContain("canary-detail");
  });
});
