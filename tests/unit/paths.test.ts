import { describe, expect, it } from "vitest";
import { connectionPath, runPath } from "@/lib/paths";

describe("console page paths", () => {
  it("put a connection's id into its page's path as one encoded segment", () => {
    expect(connectionPath("0b1c2d3e-aaaa-4bbb-8ccc-123456789abc")).toBe("/connections/0b1c2d3e-aaaa-4bbb-8ccc-123456789abc");
    expect(connectionPath("a/b c?d#e")).toBe("/connections/a%2Fb%20c%3Fd%23e");
  });

  it("put a run's id into its page's path as one encoded segment", () => {
    expect(runPath("cm3run0001")).toBe("/runs/cm3run0001");
    expect(runPath("../settings")).toBe("/runs/..%2Fsettings");
  });
});
