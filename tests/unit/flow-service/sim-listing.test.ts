import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeToken, listingOrder, matches, pageOf as pageOfSorted, parseFilter, parseListQuery, type ListQuery } from "@/simulators/flow-service/listing";
import { seedConnections } from "@/simulators/flow-service/seed";

const all = seedConnections({ count: 237, sandbox: "prod", clientId: "c" });
// The handler lists from the store's sorted copy; here the seeded array is sorted the same way.
const pageOf = (items: typeof all, q: ListQuery, cursor?: Parameters<typeof pageOfSorted>[2]) => pageOfSorted(listingOrder(q.orderBy).sort(items), q, cursor);
const query = (overrides: Partial<ListQuery> = {}): ListQuery => ({ filters: [], orderBy: "-createdAt", limit: 20, count: false, ...overrides });

function collect(q: ListQuery) {
  const seen: string[] = [];
  let page = pageOf(all, q);
  seen.push(...page.items.map((c) => c.id));
  while (page.nextToken) {
    const decoded = decodeToken(page.nextToken);
    if (!decoded) throw new Error("bad token");
    page = pageOf(all, decoded.query, decoded.cursor);
    seen.push(...page.items.map((c) => c.id));
  }
  return seen;
}

describe("simulator listing", () => {
  it("pages through every item exactly once for every sort order and page size", () => {
    fc.assert(
      fc.property(fc.constantFrom("name", "-name", "createdAt", "-createdAt", "updatedAt", "-updatedAt"), fc.integer({ min: 1, max: 100 }), (orderBy, limit) => {
        const ids = collect(query({ orderBy, limit }));
        return ids.length === all.length && new Set(ids).size === all.length;
      }),
      { numRuns: 30 },
    );
  });

  it("pages a filtered listing in the order of the whole sorted, filtered list, and counts only when asked", () => {
    const filterSets = [["state==disabled"], ["state!=disabled", "auth.params.bucketName==acme-landing"], ["auth.specName==IAMRole Based"], ["description"]];
    fc.assert(
      fc.property(fc.constantFrom(...filterSets), fc.constantFrom("name", "-createdAt", "updatedAt"), fc.integer({ min: 1, max: 40 }), (filters, orderBy, limit) => {
        const q = query({ filters, orderBy, limit });
        const expected = listingOrder(orderBy)
          .sort(all)
          .filter((c) => filters.map(parseFilter).every((f) => !("message" in f) && matches(c, f)))
          .map((c) => c.id);
        return expected.length > 0 && JSON.stringify(collect(q)) === JSON.stringify(expected);
      }),
      { numRuns: 40 },
    );
    expect(pageOf(all, query({ filters: ["state==disabled"] })).total).toBeUndefined();
  });

  it("sorts as asked", () => {
    const names = pageOf(all, query({ orderBy: "name", limit: 100 })).items.map((c) => c.name);
    expect(names).toEqual([...names].sort());
    const created = pageOf(all, query({ orderBy: "-createdAt", limit: 100 })).items.map((c) => c.createdAt);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it("filters with == and != and combines filters with AND", () => {
    const disabled = pageOf(all, query({ filters: ["state==disabled"], limit: 100, count: true }));
    expect(disabled.total).toBe(all.filter((c) => c.state === "disabled").length);
    const enabledAcme = pageOf(all, query({ filters: ["state!=disabled", "auth.params.bucketName==acme-landing"], limit: 100, count: true }));
    expect(enabledAcme.items.every((c) => c.state === "enabled" && c.auth.params.bucketName === "acme-landing")).toBe(true);
    expect(enabledAcme.total).toBe(all.filter((c) => c.state === "enabled" && c.auth.params.bucketName === "acme-landing").length);
  });

  it("parses filter expressions, keeping operators inside values", () => {
    expect(parseFilter("name==a==b")).toEqual({ path: "name", op: "==", value: "a==b" });
    expect(parseFilter("createdAt>=5")).toEqual({ path: "createdAt", op: ">=", value: "5" });
    expect(parseFilter("description")).toEqual({ path: "description", op: "exists", value: "" });
    expect(parseFilter("auth.params.s3SecretKey==x")).toHaveProperty("message");
    expect(parseFilter("!!")).toHaveProperty("message");
  });

  it("compares numbers numerically", () => {
    const c = all[0];
    if (!c) throw new Error("seed");
    expect(matches(c, { path: "createdAt", op: ">", value: String(c.createdAt - 1) })).toBe(true);
    expect(matches(c, { path: "createdAt", op: "==", value: String(c.createdAt) })).toBe(true);
  });

  it("reads query parameters: comma-separated and repeated property, +/- orderby, limit cap", () => {
    const parsed = parseListQuery(new URLSearchParams("property=state==enabled,name==x&property=auth.params.bucketName==b&orderby=+name&limit=5000&count=true"));
    expect(parsed).toEqual({ ok: true, query: { filters: ["state==enabled", "name==x", "auth.params.bucketName==b"], orderBy: "name", limit: 100, count: true } });
  });

  it("rejects bad parameters with field problems", () => {
    const parsed = parseListQuery(new URLSearchParams("orderby=state&limit=0&continuationToken="));
    expect(parsed.ok).toBe(false);
    const bad = parseListQuery(new URLSearchParams("orderby=state&limit=abc"));
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual(["orderby", "limit"]);
  });

  it("rejects forged continuation tokens", () => {
    expect(decodeToken("not-a-token")).toBeUndefined();
    expect(decodeToken(Buffer.from(JSON.stringify({ v: 1, q: { filters: [], orderBy: "x", limit: 5 }, k: { value: 1, id: "a" } })).toString("base64url"))).toBeUndefined();
  });
});
