import { describe, expect, it } from "vitest";
import { isLoopback } from "@/simulators/flow-service/control";
import { defaultFaultBody, FaultRegistry } from "@/simulators/flow-service/faults";

const BASE = "/data/foundation/flowservice";

describe("fault registry", () => {
  it("matches method and path pattern, and expires after `times`", () => {
    const faults = new FaultRegistry();
    faults.add({ method: "post", pathPattern: "/connections$", kind: "drop", times: 2 });
    expect(faults.take("GET", `${BASE}/connections`, BASE)).toBeUndefined();
    expect(faults.take("POST", `${BASE}/connections`, BASE)?.kind).toBe("drop");
    expect(faults.take("POST", `${BASE}/connections`, BASE)?.kind).toBe("drop");
    expect(faults.take("POST", `${BASE}/connections`, BASE)).toBeUndefined();
  });

  it("applies pattern-less faults to Flow Service only, never to IMS or the control API", () => {
    const faults = new FaultRegistry();
    faults.add({ kind: "status", status: 503 });
    expect(faults.take("POST", "/ims/token/v3", BASE)).toBeUndefined();
    expect(faults.take("GET", "/__sim/requests", BASE)).toBeUndefined();
    expect(faults.take("GET", `${BASE}/connections`, BASE)?.status).toBe(503);
  });

  it("rejects invalid specifications", () => {
    const faults = new FaultRegistry();
    expect(() => faults.add({ kind: "boom" as never })).toThrow(/kind/);
    expect(() => faults.add({ kind: "status", status: 99 })).toThrow(/status/);
    expect(() => faults.add({ kind: "latency", latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => faults.add({ kind: "drop", times: 0 })).toThrow(/times/);
    expect(() => faults.add({ kind: "drop", pathPattern: "[" })).toThrow(/pathPattern/);
    expect(faults.list()).toEqual([]);
  });

  it("gives status faults error bodies of the documented shapes", () => {
    expect(defaultFaultBody(429)).toEqual({ error_code: "429001", message: "Too many requests" });
    expect(defaultFaultBody(503)).toMatchObject({ type: "/placeholder/type/uri", status: 503, title: "ServiceUnavailableError" });
  });
});

describe("control API access", () => {
  it("is loopback-only", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("10.0.0.5")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });
});
