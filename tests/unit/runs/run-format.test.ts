// How a run says what it rotates, on the Runs list and on a run's page.
import { describe, expect, it } from "vitest";
import { selectionLabel } from "@/components/runs/run-format";

describe("selectionLabel", () => {
  it("counts the rows a person selected", () => {
    expect(selectionLabel({ kind: "ids", count: 1 })).toBe("1 selected connection");
    expect(selectionLabel({ kind: "ids", count: 12, excluded: [{ reason: "no rotation source", count: 2 }] })).toBe("12 selected connections (2 excluded: no rotation source)");
    expect(selectionLabel({ kind: "ids", count: 2_500, excluded: [{ reason: "no rotation source", count: 1_200 }] })).toBe("2,500 selected connections (1,200 excluded: no rotation source)");
  });

  it("names the filter a run was started from, without its sort", () => {
    expect(selectionLabel({ kind: "filter", query: { token: "attention", within: "7", sort: "name", dir: "asc" } })).toBe("filter token=attention, within=7");
    expect(selectionLabel({ kind: "filter", query: {} })).toBe("every connection of the sandbox");
  });

  it("says that an automatic run holds the connections its policy made due, not the whole sandbox", () => {
    expect(selectionLabel({ kind: "policy", count: 1 })).toBe("1 connection due under its rotation policy");
    expect(selectionLabel({ kind: "policy", count: 3 })).toBe("3 connections due under their rotation policy");
  });
});
