import { describe, expect, it } from "vitest";
import { FlowServiceError } from "@/lib/flow-service";
import { NotReady } from "@/lib/health/not-ready";
import { checkReadiness } from "@/lib/health/readiness";

const pass = async () => undefined;

describe("readiness", () => {
  it("is ready when every check passes, and reports each one's outcome and time", async () => {
    const report = await checkReadiness([
      { name: "a", run: pass },
      { name: "b", run: pass },
    ]);
    expect(report.status).toBe("ready");
    expect(report.checks).toEqual([
      { name: "a", status: "pass", durationMs: expect.any(Number) },
      { name: "b", status: "pass", durationMs: expect.any(Number) },
    ]);
    expect(new Date(report.time).toISOString()).toBe(report.time);
  });

  it("describes failures by a fixed sentence, an error code or an error kind, never by the error's message", async () => {
    const report = await checkReadiness([
      { name: "sentence", run: async () => Promise.reject(new NotReady("2 migration(s) not applied")) },
      { name: "code", run: async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED 10.1.2.3:5432 user=canary"), { code: "ECONNREFUSED" })) },
      { name: "kind", run: async () => Promise.reject(new FlowServiceError({ kind: "unauthorized", requestId: "r", message: "client canary-secret rejected" })) },
      { name: "other", run: async () => Promise.reject(new Error("password canary leaked")) },
      { name: "fine", run: pass },
    ]);
    expect(report.status).toBe("not_ready");
    expect(report.checks.map((c) => [c.name, c.status, c.detail])).toEqual([
      ["sentence", "fail", "2 migration(s) not applied"],
      ["code", "fail", "ECONNREFUSED"],
      ["kind", "fail", "unauthorized"],
      ["other", "fail", "failed"],
      ["fine", "pass", undefined],
    ]);
    expect(JSON.stringify(report)).not.toMatch(/canary|10\.1\.2\.3/);
  });

  it("fails a check that does not answer in time, and aborts its work", async () => {
    let aborted = false;
    const report = await checkReadiness(
      [
        {
          name: "slow",
          run: (signal) =>
            new Promise<void>(() => {
              signal.addEventListener("abort", () => (aborted = true));
            }),
        },
      ],
      50,
    );
    expect(report.checks[0]).toMatchObject({ name: "slow", status: "fail", detail: "no answer within 50 ms" });
    expect(aborted).toBe(true);
  });
});
