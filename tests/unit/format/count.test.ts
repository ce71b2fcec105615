// formatCount must write counts exactly as `toLocaleString("en")` does, which the console used
// before, without loading Intl in the browser.
import { describe, expect, it } from "vitest";
import { countOf, formatCount } from "@/lib/format/count";

describe("formatCount", () => {
  it.each([0, 7, 42, 999, 1_000, 9_999, 10_000, 100_000, 999_999, 1_000_000, 1_234_567, 12_345_678_901, Number.MAX_SAFE_INTEGER, -1, -1_234, -1_000_000])("writes %d as toLocaleString('en') does", (value) => {
    expect(formatCount(value)).toBe(value.toLocaleString("en"));
  });

  it.each([2.4, 2.5, 999.5, 1_234.49, -2.5])("rounds the fraction %d as toLocaleString('en') with no fraction digits does", (value) => {
    expect(formatCount(value)).toBe(value.toLocaleString("en", { maximumFractionDigits: 0 }));
  });

  it("writes a negative fraction that rounds to zero as 0, where Intl writes -0", () => {
    expect(formatCount(-0.4)).toBe("0");
  });

  it("leaves what is not a finite number as String() writes it", () => {
    expect(formatCount(Number.NaN)).toBe("NaN");
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe("Infinity");
  });
});

describe("countOf", () => {
  it("groups the digits and puts the noun in the plural unless the count is one", () => {
    expect(countOf(1, "connection")).toBe("1 connection");
    expect(countOf(0, "connection")).toBe("0 connections");
    expect(countOf(10_000, "connection")).toBe("10,000 connections");
  });

  it("takes an irregular plural", () => {
    expect(countOf(2, "entry", "entries")).toBe("2 entries");
    expect(countOf(1, "entry", "entries")).toBe("1 entry");
  });
});
