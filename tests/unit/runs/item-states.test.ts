// An item is either still to settle or settled, never both and never neither: the planner, the
// pages and finalizeRun read "unfinished", and a worker skips an item that is "finished".
import { describe, expect, it } from "vitest";
import { FINISHED_ITEM_STATES, ITEM_STATES, UNFINISHED_ITEM_STATES } from "@/lib/runs/schemas";

describe("item states", () => {
  it("splits every state into unfinished or finished, with no state in both", () => {
    const unfinished = new Set<string>(UNFINISHED_ITEM_STATES);
    const finished = new Set<string>(FINISHED_ITEM_STATES);
    expect([...unfinished].filter((state) => finished.has(state))).toEqual([]);
    expect([...unfinished, ...finished].sort()).toEqual([...ITEM_STATES].sort());
  });
});
