/**
 * The dataflow listings against a seeded simulator, then every response received checked against
 * Adobe's OpenAPI file, plus the wire details the client relies on: `_links.next.href`, the
 * batch filter syntax, orderby, count and the errors of malformed filters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineDataflowContract } from "./support/dataflow-contract-suite";
import { rawRequest, startHarness, type Harness } from "./support/harness";
import { checkExchange, type RecordedExchange } from "./support/openapi";

let h: Harness;
const raw: RecordedExchange[] = [];

beforeAll(async () => {
  h = await startHarness({ sim: { seed: 300 } });
});
afterAll(async () => {
  await h.close();
});

async function get(path: string) {
  const response = await rawRequest(h.sim, "GET", path);
  raw.push({ method: "GET", url: `${h.sim.url}${path}`, status: response.status, bodyText: JSON.stringify(response.body ?? "") });
  return response as { status: number; body: Record<string, unknown> & { items?: Record<string, unknown>[] } };
}

describe("Flow Service dataflow contract — local simulator", () => {
  defineDataflowContract(() => ({ client: h.client, sandbox: "prod" }), { simulator: true });
});

describe("dataflow listings on the wire", () => {
  it("links the next page with a continuation token on the same path, and counts on request", async () => {
    const first = await get("/flows?limit=10&count=true&orderby=name");
    expect(first.status).toBe(200);
    const next = (first.body._links as { next?: { href: string } }).next?.href ?? "";
    expect(next).toMatch(/^\/flows\?continuationToken=[\w-]+$/);
    expect(Number(first.body.count)).toBeGreaterThan(10);
    const names = first.body.items!.map((f) => String(f.name));
    expect(names).toEqual([...names].sort());
    const second = await get(next);
    const overlap = second.body.items!.filter((f) => names.includes(String(f.name)) && first.body.items!.some((g) => g.id === f.id));
    expect(overlap).toEqual([]);
  });

  it("matches any listed value with ==, excludes them with !=, and reads array items with []", async () => {
    const sources = (await get("/sourceConnections?limit=2")).body.items!;
    const [a, b] = sources.map((s) => String(s.id));
    const both = await get(`/flows?property=${encodeURIComponent(`sourceConnectionIds[]==${a},${b}`)}&limit=100`);
    expect(both.body.items!.length).toBeGreaterThanOrEqual(2);
    expect(both.body.items!.every((f) => [a, b].includes((f.sourceConnectionIds as string[])[0]!))).toBe(true);
    const notA = await get(`/flows?property=${encodeURIComponent(`sourceConnectionIds[]==${a},${b}`)}&property=${encodeURIComponent(`sourceConnectionIds[]!=${a}`)}&limit=100`);
    expect(notA.body.items!.every((f) => (f.sourceConnectionIds as string[])[0] === b)).toBe(true);
  });

  it("refuses malformed queries with a problem body, never a 500", async () => {
    const multi = await get(`/runs?property=${encodeURIComponent("createdAt<=1,2")}&property=flowId==x`);
    expect(multi.status).toBe(400);
    expect(String(multi.body.detail)).toContain("Operator '<=' is not allowed for multiple values.");
    expect((await get("/flows?orderby=-bogus")).status).toBe(400);
    expect((await get("/flows?limit=0")).status).toBe(400);
    expect((await get("/sourceConnections?continuationToken=not-a-token")).status).toBe(400);
    const unfiltered = await get("/runs");
    expect(unfiltered.status).toBe(400);
    expect(String(unfiltered.body.detail)).toContain("flowId");
  });

  it("returns a single source connection and flow by id, 404 for unknown ids", async () => {
    const source = (await get("/sourceConnections?limit=1")).body.items![0]!;
    expect((await get(`/sourceConnections/${String(source.id)}`)).body.items![0]!.id).toBe(source.id);
    const flow = (await get("/flows?limit=1")).body.items![0]!;
    expect((await get(`/flows/${String(flow.id)}`)).body.items![0]!.id).toBe(flow.id);
    expect((await get("/flows/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});

describe("OpenAPI conformance of the dataflow responses", () => {
  it("validates every response above against tests/fixtures/flow-service.openapi.yaml", () => {
    const all = [...h.exchanges.filter((e) => /\/(sourceConnections|flows|runs)/.test(e.url)), ...raw];
    expect(all.length).toBeGreaterThan(20);
    for (const path of ["/sourceConnections", "/flows", "/runs"]) expect(all.some((e) => e.status === 200 && new URL(e.url).pathname.endsWith(path))).toBe(true);
    expect(all.flatMap(checkExchange)).toEqual([]);
  });
});
