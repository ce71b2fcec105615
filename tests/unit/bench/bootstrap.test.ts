import { describe, expect, it } from "vitest";
import { bootstrapInterval, bootstrapRatioInterval } from "../../../bench/bootstrap";
import { median, p95 } from "../../../bench/stats";
import { mulberry32 } from "../../../simulators/flow-service/prng";

/** n latencies with a slow tail: mostly 20 ms, one in ten between 40 and 80 ms, from a fixed seed. */
function latencies(n: number, seed: number, scale = 1): number[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => scale * (random() < 0.1 ? 40 + 40 * random() : 18 + 4 * random()));
}

describe("bootstrapRatioInterval", () => {
  it("gives the same interval for the same samples", () => {
    const page = latencies(220, 1, 1.3);
    const floor = latencies(220, 2);
    expect(bootstrapRatioInterval(page, floor, p95)).toEqual(bootstrapRatioInterval(page, floor, p95));
  });

  it("holds the measured ratio and narrows as the samples grow", () => {
    const width = (n: number) => {
      const page = latencies(n, 3, 1.3);
      const floor = latencies(n, 4);
      const { low, high } = bootstrapRatioInterval(page, floor, p95);
      const measured = p95(page) / p95(floor);
      expect(low).toBeLessThanOrEqual(measured);
      expect(high).toBeGreaterThanOrEqual(measured);
      return high - low;
    };
    const small = width(100);
    const large = width(1_000);
    expect(large).toBeLessThan(small / 2);
  });

  it("is the ratio itself when neither side varies", () => {
    expect(bootstrapRatioInterval([30, 30, 30], [20, 20], p95)).toEqual({ low: 1.5, high: 1.5 });
  });

  it("widens with the level", () => {
    const page = latencies(220, 5, 1.3);
    const floor = latencies(220, 6);
    const ninety = bootstrapRatioInterval(page, floor, p95, { level: 0.9 });
    const fifty = bootstrapRatioInterval(page, floor, p95, { level: 0.5 });
    expect(ninety.low).toBeLessThan(fifty.low);
    expect(ninety.high).toBeGreaterThan(fifty.high);
  });

  it("draws a round's two values together when paired", () => {
    // The machine's moment moves both sides of each round alike (scores 70 to 95); the page is
    // always 0.9 of the floor in its own round.
    const floor = [95, 70, 88, 76, 91];
    const page = floor.map((score) => score * 0.9);
    const paired = bootstrapRatioInterval(page, floor, median, { paired: true });
    expect(paired.low).toBeCloseTo(0.9, 10);
    expect(paired.high).toBeCloseTo(0.9, 10);
    const apart = bootstrapRatioInterval(page, floor, median);
    expect(apart.low).toBeLessThan(0.85);
    expect(apart.high).toBeGreaterThan(0.95);
  });

  it("draws the unpaired sides as it always has: #1's intervals of earlier runs stay what they were", () => {
    const page = latencies(50, 7, 1.3);
    const floor = latencies(40, 8);
    const random = mulberry32(1);
    const draw = (values: number[]) => Array.from({ length: values.length }, () => values[Math.floor(random() * values.length)]!);
    const ratios = Array.from({ length: 100 }, () => p95(draw(page)) / p95(draw(floor))).sort((a, b) => a - b);
    // (1 - 0.9) / 2 is 0.0499… in floating point: the 5th percentile of 100 is the fifth ratio.
    expect(bootstrapRatioInterval(page, floor, p95, { resamples: 100 })).toEqual({ low: ratios[4], high: ratios[94] });
  });

  it("refuses what has no interval", () => {
    expect(() => bootstrapRatioInterval([1, 2], [1], median, { paired: true })).toThrow(/as many values on each side, not 2 and 1/);
    expect(() => bootstrapRatioInterval([], [1], p95)).toThrow(/samples on both sides/);
    expect(() => bootstrapRatioInterval([1], [1], p95, { level: 1 })).toThrow(/between 0 and 1/);
    expect(() => bootstrapRatioInterval([1], [1], p95, { resamples: 10 })).toThrow(/at least 100 resamples/);
  });
});

describe("bootstrapInterval", () => {
  /** Per-pair ratios of an action over its floor: 1.12 with a spread, from a fixed seed. */
  function ratios(n: number, seed: number): number[] {
    const random = mulberry32(seed);
    return Array.from({ length: n }, () => 1.04 + 0.16 * random());
  }

  it("holds the measured median, gives the same interval for the same pairs, and narrows with more pairs", () => {
    const width = (n: number) => {
      const pairs = ratios(n, 9);
      const { low, high } = bootstrapInterval(pairs, median);
      expect(low).toBeLessThanOrEqual(median(pairs));
      expect(high).toBeGreaterThanOrEqual(median(pairs));
      expect(bootstrapInterval(pairs, median)).toEqual({ low, high });
      return high - low;
    };
    expect(width(400)).toBeLessThan(width(25) / 2);
  });

  it("draws its resamples as the ratio interval draws one side", () => {
    const pairs = ratios(25, 10);
    const random = mulberry32(1);
    const medians = Array.from({ length: 100 }, () => median(Array.from({ length: pairs.length }, () => pairs[Math.floor(random() * pairs.length)]!))).sort((a, b) => a - b);
    expect(bootstrapInterval(pairs, median, { resamples: 100 })).toEqual({ low: medians[4], high: medians[94] });
  });

  it("is the value itself when nothing varies, and refuses what has no interval", () => {
    expect(bootstrapInterval([1.1, 1.1, 1.1], median)).toEqual({ low: 1.1, high: 1.1 });
    expect(() => bootstrapInterval([], median)).toThrow(/needs samples/);
    expect(() => bootstrapInterval([1], median, { level: 0 })).toThrow(/between 0 and 1/);
    expect(() => bootstrapInterval([1], median, { resamples: 99 })).toThrow(/at least 100 resamples/);
  });
});
