import { describe, expect, it } from "vitest";
import { effectivePolicy, jitterFraction, plannedRotationAt, rotationLeadMs } from "@/lib/rotation-policy/effective";
import { connectionPolicySchema, sandboxPolicySchema } from "@/lib/rotation-policy/schemas";
import { automaticStatus } from "@/lib/rotation-policy/status";

const NOW = new Date("2026-11-30T12:00:00Z");
const HOUR = 3_600_000;

describe("rotation policy", () => {
  it("follows the connection, then the sandbox, then the built-in default (25 %, 15 min, on)", () => {
    expect(effectivePolicy(null, null)).toMatchObject({ enabled: true, thresholdPercent: 25, minLeadMinutes: 15, inherited: true, paused: false });
    expect(effectivePolicy(null, { enabled: false, thresholdPercent: 40, minLeadMinutes: 5 })).toMatchObject({ enabled: false, thresholdPercent: 40, minLeadMinutes: 5 });
    const own = { enabled: true, thresholdPercent: 10, minLeadMinutes: null, pausedAt: new Date() };
    expect(effectivePolicy(own, { enabled: false, thresholdPercent: 40, minLeadMinutes: 5 })).toMatchObject({ enabled: true, thresholdPercent: 10, minLeadMinutes: 5, inherited: false, paused: true });
  });

  it("rotates a quarter of the lifetime before expiry, at least the minimum lead, never more than half the lifetime", () => {
    const policy = { thresholdPercent: 25, minLeadMinutes: 15 };
    expect(rotationLeadMs(policy, 12 * 3_600)).toBe(3 * HOUR);
    expect(rotationLeadMs(policy, 3_600)).toBe(15 * 60_000);
    // 15-minute credentials with a 15-minute lead would be due at once: half their life instead.
    expect(rotationLeadMs(policy, 900)).toBe(450_000);
    expect(rotationLeadMs(policy, null)).toBe(15 * 60_000);
  });

  it("spreads connections minted together over the jitter window, the same way every time", () => {
    const expiry = new Date(NOW.getTime() + 12 * HOUR);
    const policy = effectivePolicy(null, null);
    const times = Array.from({ length: 5_000 }, (_, i) => plannedRotationAt({ id: `connection-${i}`, sessionTokenExpiresAt: expiry, rotationDurationSeconds: 12 * 3_600 }, policy, NOW).getTime());
    // Lead 3 h, moved earlier by up to ten minutes.
    expect(Math.max(...times)).toBeLessThanOrEqual(expiry.getTime() - 3 * HOUR);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(expiry.getTime() - 3 * HOUR - 10 * 60_000);
    const perSecond = new Map<number, number>();
    for (const time of times) perSecond.set(Math.floor(time / 1000), (perSecond.get(Math.floor(time / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(30);
    expect(plannedRotationAt({ id: "connection-7", sessionTokenExpiresAt: expiry, rotationDurationSeconds: 12 * 3_600 }, policy, NOW).getTime()).toBe(times[7]);
    expect(jitterFraction("a")).not.toBe(jitterFraction("b"));
  });

  it("plans from the lifetime STS really granted, when it differs from the duration asked for", () => {
    const policy = effectivePolicy(null, null);
    // Asked for 12 h, granted 1 h (the role's maximum session): the lead is 15 min, not 3 h.
    const setAt = new Date(NOW.getTime());
    const expiry = new Date(NOW.getTime() + HOUR);
    const at = plannedRotationAt({ id: "capped", sessionTokenSetAt: setAt, sessionTokenExpiresAt: expiry, rotationDurationSeconds: 12 * 3_600 }, policy, NOW);
    expect(expiry.getTime() - at.getTime()).toBeGreaterThanOrEqual(15 * 60_000);
    expect(expiry.getTime() - at.getTime()).toBeLessThanOrEqual(18 * 60_000);
    // Twenty-second credentials: rotated with half their life left.
    const short = plannedRotationAt({ id: "short", sessionTokenSetAt: setAt, sessionTokenExpiresAt: new Date(NOW.getTime() + 20_000), rotationDurationSeconds: 900 }, policy, NOW);
    expect(NOW.getTime() + 20_000 - short.getTime()).toBeGreaterThanOrEqual(10_000);
    expect(NOW.getTime() + 20_000 - short.getTime()).toBeLessThanOrEqual(12_000);
  });

  it("is due now when the expiry is unknown or already inside the lead", () => {
    const policy = effectivePolicy(null, null);
    expect(plannedRotationAt({ id: "x", sessionTokenExpiresAt: null, rotationDurationSeconds: 3_600 }, policy, NOW).getTime() - NOW.getTime()).toBeLessThan(30_000);
    expect(plannedRotationAt({ id: "x", sessionTokenExpiresAt: new Date(NOW.getTime() + 60_000), rotationDurationSeconds: 3_600 }, policy, NOW)).toEqual(NOW);
  });

  it("says what will happen, never 'scheduled' for a policy that cannot run", () => {
    const row = { enabled: null, thresholdPercent: null, minLeadMinutes: null, pausedAt: null, pausedBy: null, state: "ok", nextRotationAt: new Date(NOW.getTime() + HOUR), lastMessage: null };
    expect(automaticStatus({ rotationRoleArn: null }, row, null, { inProgress: false })).toEqual({ kind: "no_source" });
    expect(automaticStatus({ rotationRoleArn: "arn" }, row, null, { inProgress: false })).toMatchObject({ kind: "scheduled" });
    expect(automaticStatus({ rotationRoleArn: "arn" }, { ...row, pausedAt: NOW, pausedBy: "ops@example.com" }, null, { inProgress: false })).toMatchObject({ kind: "paused", by: "ops@example.com" });
    expect(automaticStatus({ rotationRoleArn: "arn" }, row, { enabled: false, thresholdPercent: 25, minLeadMinutes: 15 }, { inProgress: false })).toEqual({ kind: "off" });
    expect(automaticStatus({ rotationRoleArn: "arn" }, { ...row, state: "needs_attention", lastMessage: "changed elsewhere" }, null, { inProgress: false })).toEqual({ kind: "needs_attention", message: "changed elsewhere" });
    expect(automaticStatus({ rotationRoleArn: "arn" }, row, null, { inProgress: true })).toEqual({ kind: "in_progress" });
  });

  it("refuses thresholds out of range with a clear message", () => {
    expect(connectionPolicySchema.safeParse({ mode: "on", thresholdPercent: "95" }).error?.issues[0]?.message).toBe("Rotate with at most 90 % of the lifetime left.");
    expect(connectionPolicySchema.safeParse({ mode: "on", minLeadMinutes: "-1" }).error?.issues[0]?.message).toBe("The lead cannot be negative.");
    expect(connectionPolicySchema.safeParse({ mode: "sometimes" }).success).toBe(false);
    expect(connectionPolicySchema.parse({ mode: "inherit", thresholdPercent: "", minLeadMinutes: "" })).toEqual({ mode: "inherit", thresholdPercent: null, minLeadMinutes: null });
    expect(sandboxPolicySchema.safeParse({ enabled: true, thresholdPercent: 4, minLeadMinutes: 15 }).error?.issues[0]?.message).toBe("Rotate with at least 5 % of the lifetime left.");
  });
});
