// The console's bundles can hold two copies of lib/flow-service (the job workers' and the routes'),
// sharing one client: an error made by one copy must be recognised by the other.
import { describe, expect, it, vi } from "vitest";

describe("FlowServiceError across module copies", () => {
  it("is recognised by another copy of the module, kind included", async () => {
    const first = await import("@/lib/flow-service/errors");
    vi.resetModules();
    const second = await import("@/lib/flow-service/errors");
    expect(second.FlowServiceError).not.toBe(first.FlowServiceError);
    const error = new second.FlowServiceError({ kind: "validation", requestId: "req-1" });
    expect(error instanceof first.FlowServiceError).toBe(false);
    expect(first.isFlowServiceError(error)).toBe(true);
    expect(first.isFlowServiceErrorOfKind(error, "validation")).toBe(true);
    expect(first.isFlowServiceErrorOfKind(error, "timeout")).toBe(false);
    expect(first.isFlowServiceError(new Error("plain"))).toBe(false);
    expect(first.isFlowServiceError({ name: "FlowServiceError", kind: "validation" })).toBe(false);
  });
});
