/** The simulator's control API, request log, seeding at scale and listing over HTTP. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, rawRequest, type Harness } from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.sim.reset();
});

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${h.sim.origin}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: r.status === 204 ? undefined : ((await r.json()) as Record<string, unknown>) }));

describe("control API over HTTP", () => {
  it("adds, lists and clears faults; validates them", async () => {
    const added = await control("POST", "/faults", { kind: "status", status: 503, pathPattern: "/connections$", times: 2 });
    expect(added.status).toBe(201);
    expect((await control("GET", "/faults")).body?.items).toHaveLength(1);
    expect((await control("POST", "/faults", { kind: "explode" })).status).toBe(400);
    expect((await control("POST", "/faults", { kind: "status", pathPattern: "(" })).status).toBe(400);
    expect((await control("DELETE", "/faults")).status).toBe(204);
    expect((await control("GET", "/faults")).body?.items).toEqual([]);
  });

  it("seeds, touches, resets, revokes tokens and reports health", async () => {
    expect((await control("POST", "/seed", { count: 25, sandbox: "dev" })).body).toEqual({ created: 25 });
    expect(h.sim.connections("dev")).toHaveLength(25);
    expect((await control("POST", "/seed", { count: 20_000 })).status).toBe(400);
    expect((await control("POST", "/seed", { count: 1, sandbox: "nope" })).status).toBe(400);
    const id = String(h.sim.connections("dev")[0]?.id);
    const before = h.sim.rawConnection(id)?.etag;
    const touched = await control("POST", `/connections/${id}/touch`);
    expect(touched.body?.etag).not.toBe(before);
    expect((await control("POST", "/connections/unknown/touch")).status).toBe(404);
    await h.client.listConnections();
    expect((await control("POST", "/tokens/revoke")).status).toBe(204);
    expect((await control("GET", "/health")).body).toEqual({ ok: true });
    expect((await control("POST", "/reset")).status).toBe(204);
    expect(h.sim.connections("dev")).toHaveLength(0);
    expect((await control("GET", "/nothing")).status).toBe(404);
  });

  it("logs requests without bodies or secrets", async () => {
    await h.client.createConnection({
      name: "logged",
      auth: { specName: "Access Key", params: { s3AccessKey: "AKIALOGGEDEXAMPLE001", s3SecretKey: "logged-secret-value", s3SessionToken: "logged-session-token" } },
    });
    const log = await control("GET", "/requests");
    const text = JSON.stringify(log.body);
    expect(text).not.toMatch(/logged-secret-value|logged-session-token|client_secret|local-secret-change-me|Bearer/);
    const entries = log.body?.items as Array<Record<string, unknown>>;
    const posts = entries.filter((e) => e.method === "POST" && String(e.path).endsWith("/connections"));
    expect(posts.at(-1)).toMatchObject({ status: 201, requestId: expect.any(String) });
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(["at", "durationMs", "method", "path", "query", "requestId", "status"]);
  });
});

describe("listing over HTTP", () => {
  it("filters, orders, counts and paginates with _links.next.href", async () => {
    h.sim.seed(57);
    const first = await rawRequest(h.sim, "GET", "/connections?limit=10&orderby=name&count=true&property=state==enabled");
    const body = first.body as { items: Array<{ name: string; state: string }>; count: number; _links: { next?: { href: string } } };
    expect(body.items).toHaveLength(10);
    expect(body.items.every((c) => c.state === "enabled")).toBe(true);
    expect(body.count).toBe(h.sim.connections().filter((c) => c.state === "enabled").length);
    expect(body.items.map((c) => c.name)).toEqual([...body.items.map((c) => c.name)].sort());
    expect(body._links.next?.href).toMatch(/^\/connections\?continuationToken=/);
    const second = await rawRequest(h.sim, "GET", body._links.next?.href ?? "");
    const names = (second.body as { items: Array<{ name: string }> }).items.map((c) => c.name);
    expect(names[0] && body.items[9] && names[0] > body.items[9].name).toBe(true);
  });

  it("rejects invalid list parameters with 400", async () => {
    expect((await rawRequest(h.sim, "GET", "/connections?orderby=bucket")).status).toBe(400);
    expect((await rawRequest(h.sim, "GET", "/connections?continuationToken=forged")).status).toBe(400);
    expect((await rawRequest(h.sim, "GET", "/connections?property=auth.params.s3SecretKey==x")).status).toBe(400);
  });

  it("keeps sandboxes apart", async () => {
    await h.client.createConnection({ name: "dev-only", auth: { specName: "IAMRole Based", params: { bucketName: "acme-landing" } } }, { sandbox: "dev" });
    expect((await h.client.findConnectionsByName("dev-only")).connections).toHaveLength(0);
    expect((await h.client.findConnectionsByName("dev-only", { sandbox: "dev" })).connections).toHaveLength(1);
  });
});

describe("scale", () => {
  it("seeds 10,000 connections fast and lists them all through the client", async () => {
    const started = performance.now();
    expect((await control("POST", "/seed", { count: 10_000 })).body).toEqual({ created: 10_000 });
    const seeded = performance.now() - started;
    // The generator itself is held to < 1 s in the unit tests; this adds HTTP and copying.
    expect(seeded).toBeLessThan(3_000);

    const listed = performance.now();
    const { connections, requestIds } = await h.client.listConnections({ pageSize: 100 });
    expect(connections).toHaveLength(10_000);
    expect(new Set(connections.map((c) => c.id)).size).toBe(10_000);
    expect(requestIds).toHaveLength(100);
    expect(performance.now() - listed).toBeLessThan(20_000);
  });
});
