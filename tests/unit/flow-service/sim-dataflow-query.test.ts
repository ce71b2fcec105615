import { describe, expect, it } from "vitest";
import { decodeResourceToken, matchesFilter, pageOfViews, parseFilters, resolvePath, type ResourceQuery } from "@/simulators/flow-service/resource-query";
import { indexesBetween, lastIndexAtOrBefore, nextRunAfter, runTime, scheduleProblem } from "@/simulators/flow-service/schedule";

describe("simulator property filters", () => {
  it("reads a comma-separated list after == as values of one filter (Adobe's batch form)", () => {
    expect(parseFilters(["baseConnectionId==a,b,c"])).toEqual({ ok: true, filters: [{ path: "baseConnectionId", op: "==", values: ["a", "b", "c"] }] });
    expect(parseFilters(["sourceConnectionIds[]==x,y", "state==enabled"])).toEqual({
      ok: true,
      filters: [
        { path: "sourceConnectionIds[]", op: "==", values: ["x", "y"] },
        { path: "state", op: "==", values: ["enabled"] },
      ],
    });
  });

  it("still separates whole expressions with commas, and refuses lists after ordering operators", () => {
    expect(parseFilters(["state==enabled,createdAt>5"])).toMatchObject({ ok: true, filters: [{ path: "state" }, { path: "createdAt", op: ">", values: ["5"] }] });
    expect(parseFilters(["createdAt<=1,2"])).toMatchObject({ ok: false, errors: [{ message: "Operator '<=' is not allowed for multiple values." }] });
    expect(parseFilters(["name=="])).toMatchObject({ ok: false });
    expect(parseFilters(["!!"])).toMatchObject({ ok: false });
    expect(parseFilters(["description"])).toEqual({ ok: true, filters: [{ path: "description", op: "exists", values: [] }] });
  });

  it("resolves [] through arrays and matches any item", () => {
    const flow = { id: "f", sourceConnectionIds: ["s1", "s2"], transformations: [{ params: { mappingId: "m1" } }, { params: { mappingId: "m2" } }] };
    expect(resolvePath(flow, "transformations[].params.mappingId")).toEqual(["m1", "m2"]);
    expect(matchesFilter(flow, { path: "sourceConnectionIds[]", op: "==", values: ["s9", "s2"] })).toBe(true);
    expect(matchesFilter(flow, { path: "sourceConnectionIds[]", op: "!=", values: ["s2"] })).toBe(false);
    expect(matchesFilter(flow, { path: "sourceConnectionIds[]", op: "==", values: ["s3"] })).toBe(false);
  });

  it("compares numbers as numbers", () => {
    const run = { id: "r", createdAt: 1_000, metrics: { statusSummary: { status: "failed" } } };
    expect(matchesFilter(run, { path: "createdAt", op: ">", values: ["999"] })).toBe(true);
    expect(matchesFilter(run, { path: "createdAt", op: "<", values: ["200"] })).toBe(false);
    expect(matchesFilter(run, { path: "metrics.statusSummary.status", op: "==", values: ["failed"] })).toBe(true);
  });

  it("pages every item exactly once through continuation tokens", () => {
    const views = Array.from({ length: 53 }, (_, i) => ({ id: `id-${String(i).padStart(3, "0")}`, name: `n${i % 7}`, createdAt: 1000 + (i % 5) }));
    const query: ResourceQuery = { filters: [], orderBy: "-createdAt", limit: 10, count: true };
    const seen: string[] = [];
    let page = pageOfViews(views, query);
    seen.push(...page.items.map((v) => v.id));
    while (page.nextToken) {
      const decoded = decodeResourceToken(page.nextToken, ["name", "createdAt"]);
      if (!decoded) throw new Error("bad token");
      page = pageOfViews(views, decoded.query, decoded.cursor);
      seen.push(...page.items.map((v) => v.id));
    }
    expect(seen).toHaveLength(53);
    expect(new Set(seen).size).toBe(53);
  });
});

describe("simulator schedules", () => {
  const every15 = { startTime: 1_000, frequency: "minute" as const, interval: 15 };
  it("puts run k at startTime + k periods", () => {
    expect(runTime(every15, 0)).toBe(1_000_000);
    expect(runTime(every15, 2)).toBe(1_000_000 + 30 * 60_000);
    expect(lastIndexAtOrBefore(every15, 999_999)).toBe(-1);
    expect(lastIndexAtOrBefore(every15, 1_000_000 + 16 * 60_000)).toBe(1);
    expect(indexesBetween(every15, 1_000_000, 1_000_000 + 45 * 60_000)).toEqual([1, 2, 3]);
    expect(nextRunAfter(every15, 1_000_000)).toBe(1_000_000 + 15 * 60_000);
  });

  it("runs a one-time flow once, and follows Adobe's 15-minute minimum", () => {
    const once = { startTime: 10, frequency: "once" as const, interval: 1 };
    expect(indexesBetween(once, 0, 99_999_999)).toEqual([0]);
    expect(nextRunAfter(once, 10_000)).toBeUndefined();
    expect(scheduleProblem({ startTime: 1, frequency: "minute", interval: 5 })).toMatch(/at least 15/);
  });
});
