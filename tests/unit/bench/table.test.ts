// The bench's table prints each ratio beside its status: the printed figure must never look like
// it meets a budget the row says it missed, or the reverse.
import { describe, expect, it } from "vitest";
import { budgetStatus, ratioTextOf, type Budget, type Row } from "../../../bench/table";

const atLeast: Budget = { op: ">=", limit: 0.9, unit: "× throughput" };
const atMost: Budget = { op: "<=", limit: 1.1, unit: "×" };
const row = (ratio: number, budget?: Budget): Row => ({ section: "4", metric: "m", measured: "", floor: "", ratio, budget });

describe("ratioTextOf", () => {
  it("prints two decimals when they show the right side of the budget", () => {
    expect(ratioTextOf(row(0.8437, atLeast))).toBe("0.84×");
    expect(ratioTextOf(row(1.1342, atMost))).toBe("1.13×");
    expect(ratioTextOf(row(0.9581, atLeast))).toBe("0.96×");
    expect(ratioTextOf(row(2.68))).toBe("2.68×");
  });

  it("adds decimals when two would round a miss onto the budget", () => {
    expect(budgetStatus(row(0.8968, atLeast))).toBe("MISSED");
    expect(ratioTextOf(row(0.8968, atLeast))).toBe("0.897×");
    expect(ratioTextOf(row(1.1003, atMost))).toBe("1.1003×");
    expect(ratioTextOf(row(0.96875, { op: ">=", limit: 0.97, unit: "× floor" }))).toBe("0.969×");
    expect(ratioTextOf(row(0.89996, atLeast))).toBe("0.9000×");
    // Two decimals that already show the miss (1.11 > 1.1), or a pass on its limit, stay two.
    expect(ratioTextOf(row(1.1059, atMost))).toBe("1.11×");
    expect(ratioTextOf(row(1.0999, atMost))).toBe("1.10×");
  });

  it("keeps a row's own text, and prints nothing without a ratio", () => {
    expect(ratioTextOf({ ratio: 0.5, ratioText: "floor + 15.0 KB", budget: atLeast })).toBe("floor + 15.0 KB");
    expect(ratioTextOf({ ratio: null })).toBe("");
    expect(ratioTextOf({ ratio: Number.NaN, budget: atLeast })).toBe("n/a");
  });
});
