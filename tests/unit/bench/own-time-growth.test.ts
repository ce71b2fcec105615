import { describe, expect, it } from "vitest";
import { ownTimeGrowthNote } from "../../../bench/own-time-growth";

const interval = (note: string) => {
  const match = /; (-?[\d.]+)–(-?[\d.]+) of linear/.exec(note);
  if (!match) throw new Error(`no interval in: ${note}`);
  return { low: Number(match[1]), high: Number(match[2]) };
};

describe("ownTimeGrowthNote", () => {
  // The Node 20 run of 2026-12-08, 02:27: the row printed 1.19 of linear (498 / 42 / 10).
  const small = [22.4, 42.0, 40.9, 52.9, 67.5];
  const large = [497.9, 444.6, 523.2];

  it("lists each iteration's own time, sorted and rounded", () => {
    expect(ownTimeGrowthNote(small, large)).toMatch(/^own time of each iteration 22, 41, 42, 53, 68 ms at 1,000 connections, 445, 498, 523 ms at 10,000; /);
  });

  it("gives an interval around the row's ratio, as wide as the small figure's swing", () => {
    const { low, high } = interval(ownTimeGrowthNote(small, large));
    // What the run's row printed beside it (bench/README.md, *Changed, and what it moved*).
    expect({ low, high }).toEqual({ low: 0.78, high: 1.98 });
    expect(low).toBeLessThan(1.19);
    expect(high).toBeGreaterThan(1.19);
    // The 1,000 medians a resample can draw run from 22 to 68 ms: the interval reaches well below
    // linear and well above it.
    expect(low).toBeLessThan(1);
    expect(high).toBeGreaterThan(1.5);
  });

  it("narrows to the ratio itself when every iteration agrees", () => {
    expect(interval(ownTimeGrowthNote([40, 40, 40], [360, 360, 360]))).toEqual({ low: 0.9, high: 0.9 });
  });

  it("gives no interval for one iteration of a size, as quick mode runs", () => {
    const note = ownTimeGrowthNote([56.2], [405.1, 398.0, 410.7]);
    expect(note).toBe("own time of each iteration 56 ms at 1,000 connections, 398, 405, 411 ms at 10,000; no interval (one iteration of a size)");
  });

  it("gives no interval when a 1,000 iteration took no longer than its listings", () => {
    const note = ownTimeGrowthNote([30, -4, 35], [300, 320, 310]);
    expect(note).toContain("own time of each iteration -4, 30, 35 ms");
    expect(note).toContain("no interval");
    expect(note).not.toMatch(/of linear/);
  });
});
