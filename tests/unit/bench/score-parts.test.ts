import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeScoreParts, readScoreParts, type ScoreParts } from "../../../bench/score-parts";

// Two reports of #6, trimmed to what the module reads (2026-12-05, Lighthouse 12.8.2): the 404
// floor, whose frame reached the screen before its scripts had loaded (simulated LCP 932 ms), and
// the inventory, painted after all of them (2,937 ms).
type Report = { categories: { performance: { score: number } }; audits: Record<string, { score?: number | null }> };
const fixture = (name: string): Report => JSON.parse(readFileSync(join(__dirname, "../../fixtures/lighthouse", name), "utf8")) as Report;
const floorReport = fixture("floor-painted-first.json");
const inventoryReport = fixture("inventory-painted-after-scripts.json");

function parts(report: unknown): ScoreParts {
  const read = readScoreParts(report);
  if (!read) throw new Error("the fixture's parts could not be read");
  return read;
}

describe("readScoreParts", () => {
  it("splits what the score lost by weighted metric, adding up to what it lost in all", () => {
    for (const report of [floorReport, inventoryReport]) {
      const lost = Object.values(parts(report).pointsLost).reduce((sum, points) => sum + points, 0);
      // The category score is rounded to two decimals, so within half a point.
      expect(lost).toBeCloseTo(100 - report.categories.performance.score * 100, 0);
    }
    expect(Object.keys(parts(inventoryReport).pointsLost).sort()).toEqual(["CLS", "FCP", "LCP", "SI", "TBT"]);
    // The inventory's simulated largest paint (2.9 s) cost it points; the floor's (0.9 s) none.
    expect(parts(inventoryReport).pointsLost.LCP).toBeGreaterThan(4);
    expect(parts(floorReport).pointsLost.LCP).toBe(0);
  });

  it("counts the script bytes that had loaded before the observed largest paint", () => {
    const floor = parts(floorReport);
    const inventory = parts(inventoryReport);
    expect(floor.scriptBytesBeforePaint).toBe(0);
    expect(floor.scriptBytes).toBeGreaterThan(100 * 1024);
    expect(inventory.scriptBytesBeforePaint).toBe(inventory.scriptBytes);
  });

  it("gives nothing for a report without the figures it reads", () => {
    expect(readScoreParts({})).toBeUndefined();
    const withoutRequests = structuredClone(inventoryReport);
    delete withoutRequests.audits["network-requests"];
    expect(readScoreParts(withoutRequests)).toBeUndefined();
    const unscored = structuredClone(inventoryReport);
    unscored.audits["total-blocking-time"]!.score = null;
    expect(readScoreParts(unscored)).toBeUndefined();
  });
});

describe("describeScoreParts", () => {
  it("gives each metric's median points and how many runs painted after their scripts", () => {
    const inventory = parts(inventoryReport);
    const floor = parts(floorReport);
    const text = describeScoreParts([inventory, inventory, floor], [floor, floor]);
    expect(text).toContain(`LCP ${inventory.pointsLost.LCP!.toFixed(1)} (floor 0.0)`);
    expect(text).toMatch(/in 2 of 3 runs, the floor's \(\d+ KB\) in 0 of 2/);
  });

  it("says so when no report could be read", () => {
    expect(describeScoreParts([], [])).toBe("the score's parts could not be read from the reports");
  });
});
