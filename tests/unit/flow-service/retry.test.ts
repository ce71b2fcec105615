import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, fullJitterDelay, parseRetryAfter, retryDelay } from "@/lib/flow-service";

const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("0", NOW)).toBe(0);
    expect(parseRetryAfter("7", NOW)).toBe(7_000);
    expect(parseRetryAfter(" 120 ", NOW)).toBe(120_000);
  });

  it("tolerates decimal seconds sent by some proxies", () => {
    expect(parseRetryAfter("1.5", NOW)).toBe(1_500);
  });

  it("reads an HTTP date relative to the injected clock", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", NOW)).toBe(30_000);
  });

  it("never returns a negative delay for a date in the past", () => {
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", NOW)).toBe(0);
  });

  it("ignores absent, empty and unreadable values", () => {
    for (const value of [null, undefined, "", "   ", "soon", "-1", "1e3", "12abc"]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });

  it("maps any non-negative integer to milliseconds", () => {
    fc.assert(fc.property(fc.nat(1_000_000), (seconds) => parseRetryAfter(String(seconds), NOW) === seconds * 1000));
  });
});

describe("full jitter backoff", () => {
  it("stays within [0, min(cap, base * 2^attempt))", () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const delay = fullJitterDelay(attempt, DEFAULT_RETRY_POLICY, () => r);
        const ceiling = Math.min(DEFAULT_RETRY_POLICY.capMs, DEFAULT_RETRY_POLICY.baseMs * 2 ** attempt);
        return delay >= 0 && delay < ceiling && Number.isInteger(delay);
      }),
    );
  });

  it("grows the ceiling exponentially up to the cap", () => {
    const top = () => 0.999999;
    expect(fullJitterDelay(0, { baseMs: 100, capMs: 1_000 }, top)).toBe(99);
    expect(fullJitterDelay(2, { baseMs: 100, capMs: 1_000 }, top)).toBe(399);
    expect(fullJitterDelay(10, { baseMs: 100, capMs: 1_000 }, top)).toBe(999);
  });

  it("uses the random source (full jitter, not equal jitter)", () => {
    expect(fullJitterDelay(3, { baseMs: 100, capMs: 10_000 }, () => 0)).toBe(0);
  });
});

describe("retryDelay", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 10_000 };

  it("treats Retry-After as a floor", () => {
    expect(retryDelay(0, policy, () => 0, 3_000)).toBe(3_000);
    expect(retryDelay(5, { ...policy, baseMs: 10_000, capMs: 20_000 }, () => 0.5, 1_000)).toBe(10_000);
  });

  it("gives up when the server asks for longer than the cap", () => {
    expect(retryDelay(0, policy, () => 0, 10_001)).toBe("give-up");
  });

  it("falls back to jitter without Retry-After", () => {
    expect(retryDelay(1, policy, () => 0.5)).toBe(200);
  });
});
