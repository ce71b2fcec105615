import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Role } from "@/lib/auth/roles";
import { blockDuration, THROTTLE_POLICY } from "@/lib/auth/throttle";
import { NAV_ITEMS } from "@/components/shell/nav-items";

describe("roles", () => {
  it("lets viewers read only", () => {
    expect(can("viewer", "connections:read")).toBe(true);
    for (const p of ["connections:create", "connections:rotate", "connections:edit", "connections:delete", "settings:read"] as const) {
      expect(can("viewer", p)).toBe(false);
    }
  });

  it("lets operators change connections but not delete them", () => {
    expect(can("operator", "connections:rotate")).toBe(true);
    expect(can("operator", "connections:create")).toBe(true);
    expect(can("operator", "connections:delete")).toBe(false);
  });

  it("lets admins do everything", () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can("admin", permission)).toBe(true);
  });

  it("denies an absent role", () => {
    expect(can(undefined, "connections:read")).toBe(false);
  });

  it("hides admin-only navigation from viewers", () => {
    const visible = (role: Role) => NAV_ITEMS.filter((i) => can(role, i.permission)).map((i) => i.label);
    expect(visible("viewer")).toEqual(["Connections", "Next 24 hours", "Runs", "Audit log"]);
    expect(visible("operator")).toEqual(["Connections", "New connection", "Next 24 hours", "Runs", "Audit log"]);
    expect(visible("admin")).toEqual(["Connections", "New connection", "Next 24 hours", "Runs", "Audit log", "Settings"]);
  });
});

describe("sign-in throttle policy", () => {
  it("allows the free failures, then doubles the block up to the cap", () => {
    expect(blockDuration(THROTTLE_POLICY.freeFailures - 1)).toBe(0);
    expect(blockDuration(THROTTLE_POLICY.freeFailures)).toBe(THROTTLE_POLICY.firstBlockMs);
    expect(blockDuration(THROTTLE_POLICY.freeFailures + 1)).toBe(THROTTLE_POLICY.firstBlockMs * 2);
    expect(blockDuration(100)).toBe(THROTTLE_POLICY.maxBlockMs);
  });
});
