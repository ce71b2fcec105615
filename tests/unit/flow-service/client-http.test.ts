import { describe, expect, it } from "vitest";
import { createFlowServiceClient, FlowServiceError, S3_CONNECTION_SPEC_ID } from "@/lib/flow-service";
import { CONNECTION_DTO, createFakeFetch, socketError, TEST_CONFIG, testDeps, type Step } from "./fake-fetch";

function setup(steps: Step[], config = TEST_CONFIG) {
  const fake = createFakeFetch(steps);
  const t = testDeps();
  const client = createFlowServiceClient(config, { fetch: fake.fetch, ...t.deps });
  return { client, fake, sleeps: t.sleeps };
}

const ok = { status: 200, body: { items: [CONNECTION_DTO] } };
const fail = (error: unknown) => error as FlowServiceError;

describe("request headers", () => {
  it("sends the documented headers and a generated request id", async () => {
    const { client, fake } = setup([ok]);
    const result = await client.getConnection(CONNECTION_DTO.id);
    const call = fake.calls[0];
    expect(call?.url).toBe(`${TEST_CONFIG.baseUrl}/connections/${CONNECTION_DTO.id}`);
    expect(call?.headers.get("authorization")).toBe("Bearer token-1");
    expect(call?.headers.get("x-api-key")).toBe("client-id");
    expect(call?.headers.get("x-gw-ims-org-id")).toBe("ORG@AdobeOrg");
    expect(call?.headers.get("x-sandbox-name")).toBe("prod");
    expect(call?.headers.get("x-request-id")).toBe("req-1");
    expect(call?.headers.get("content-type")).toBeNull();
    expect(result.requestId).toBe("req-1");
  });

  it("honours per-call sandbox and request id, and sends JSON + If-Match on PATCH", async () => {
    const { client, fake } = setup([{ status: 200, body: { id: "c1", etag: '"e2"' } }]);
    const result = await client.patchConnection("c1", '"e1"', [{ op: "replace", path: "/description", value: "d" }], { sandbox: "dev", requestId: "audit-42" });
    const call = fake.calls[0];
    expect(call?.method).toBe("PATCH");
    expect(call?.headers.get("x-sandbox-name")).toBe("dev");
    expect(call?.headers.get("x-request-id")).toBe("audit-42");
    expect(call?.headers.get("content-type")).toBe("application/json");
    expect(call?.headers.get("if-match")).toBe('"e1"');
    expect(JSON.parse(call?.body ?? "")).toEqual([{ op: "replace", path: "/description", value: "d" }]);
    expect(result).toEqual({ id: "c1", etag: '"e2"', requestId: "audit-42" });
  });
});

describe("retries of safe calls", () => {
  it("retries GET on 503 and 500 with jittered backoff, reusing the request id", async () => {
    const { client, fake, sleeps } = setup([{ status: 503 }, { status: 500 }, ok]);
    const result = await client.getConnection(CONNECTION_DTO.id);
    expect(result.connection.id).toBe(CONNECTION_DTO.id);
    expect(fake.calls.map((c) => c.headers.get("x-request-id"))).toEqual(["req-1", "req-1", "req-1"]);
    expect(sleeps).toEqual([100, 200]); // random() = 0.5 of 200 ms, then of 400 ms
  });

  it("waits at least Retry-After on 429", async () => {
    const { client, sleeps } = setup([{ status: 429, headers: { "Retry-After": "3" } }, ok]);
    await client.getConnection(CONNECTION_DTO.id);
    expect(sleeps).toEqual([3_000]);
  });

  it("gives up at once when Retry-After exceeds the cap and reports it", async () => {
    const { client, fake } = setup([{ status: 429, headers: { "Retry-After": "120" } }]);
    const error = fail(await client.getConnection("x").catch((e: unknown) => e));
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterMs).toBe(120_000);
    expect(fake.calls).toHaveLength(1);
  });

  it("stops after maxRetries and surfaces the last failure", async () => {
    const { client, fake } = setup([{ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 }]);
    const error = fail(await client.listConnections().catch((e: unknown) => e));
    expect(error.kind).toBe("unavailable");
    expect(fake.calls).toHaveLength(4);
  });

  it("retries dropped connections and timeouts on GET", async () => {
    const { client } = setup([{ error: socketError("ECONNRESET") }, { hang: true }, ok], { ...TEST_CONFIG, timeoutMs: 50 });
    expect((await client.getConnection(CONNECTION_DTO.id)).connection.name).toBe(CONNECTION_DTO.name);
  });

  it("does not retry client errors", async () => {
    const { client, fake } = setup([{ status: 404, body: { title: "NotFoundError" } }]);
    expect(fail(await client.getConnection("x").catch((e: unknown) => e)).kind).toBe("not_found");
    expect(fake.calls).toHaveLength(1);
  });

  it("treats a 404 after an ambiguous DELETE attempt as already deleted", async () => {
    const { client } = setup([{ error: socketError("ECONNRESET") }, { status: 404 }]);
    expect(await client.deleteConnection("c1")).toEqual({ requestId: "req-1", alreadyDeleted: true });
  });

  it("reports a plain 404 on DELETE as not_found", async () => {
    const { client } = setup([{ status: 404 }]);
    expect(fail(await client.deleteConnection("c1").catch((e: unknown) => e)).kind).toBe("not_found");
  });
});

describe("PATCH is only retried when nothing happened", () => {
  it("retries 429 and 503", async () => {
    const { client, fake } = setup([{ status: 429 }, { status: 503 }, { status: 200, body: { id: "c1", etag: '"e2"' } }]);
    await client.patchConnection("c1", '"e1"', [{ op: "remove", path: "/description" }]);
    expect(fake.calls).toHaveLength(3);
  });

  it("does not replay after a 500 and flags the outcome as unknown", async () => {
    const { client, fake } = setup([{ status: 500 }]);
    const error = fail(await client.patchConnection("c1", '"e1"', [{ op: "remove", path: "/description" }]).catch((e: unknown) => e));
    expect(error.kind).toBe("unavailable");
    expect(error.outcomeUnknown).toBe(true);
    expect(fake.calls).toHaveLength(1);
  });

  it("does not replay after a timeout", async () => {
    const { client, fake } = setup([{ hang: true }], { ...TEST_CONFIG, timeoutMs: 30 });
    const error = fail(await client.patchConnection("c1", '"e1"', [{ op: "remove", path: "/description" }]).catch((e: unknown) => e));
    expect([error.kind, error.outcomeUnknown]).toEqual(["timeout", true]);
    expect(fake.calls).toHaveLength(1);
  });

  it("redacts a rotated session token echoed by an error body", async () => {
    const { client } = setup([{ status: 400, body: { detail: "token tok-NEW-123456 invalid" } }]);
    const error = fail(await client.patchConnection("c1", '"e1"', [{ op: "replace", path: "/auth/params/s3SessionToken", value: "tok-NEW-123456" }]).catch((e: unknown) => e));
    expect(error.detail).not.toContain("tok-NEW-123456");
  });
});

describe("401 handling", () => {
  it("refreshes the token once and resends", async () => {
    const { client, fake } = setup([{ status: 401, body: { error_code: "401013", message: "Oauth token is not valid" } }, ok]);
    await client.getConnection(CONNECTION_DTO.id);
    expect(fake.calls.map((c) => c.headers.get("authorization"))).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(fake.imsBodies).toHaveLength(2);
  });

  it("gives up with unauthorized after a second 401", async () => {
    const unauthorized = { status: 401, body: { error_code: "401013", message: "Oauth token is not valid" } };
    const { client, fake } = setup([unauthorized, unauthorized]);
    const error = fail(await client.getConnection("x").catch((e: unknown) => e));
    expect([error.kind, error.errorCode]).toEqual(["unauthorized", "401013"]);
    expect(fake.calls).toHaveLength(2);
  });
});

describe("cancellation and classification", () => {
  it("stops immediately when the caller aborts", async () => {
    const { client, fake } = setup([{ hang: true }, ok]);
    const controller = new AbortController();
    const pending = client.getConnection("x", { signal: controller.signal }).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 10);
    const error = fail(await pending);
    expect(error.kind).toBe("unexpected");
    expect(error.message).toContain("cancelled");
    expect(fake.calls).toHaveLength(1);
  });

  it("reports a caller's own timeout signal as timeout", async () => {
    const { client } = setup([{ hang: true }]);
    const error = fail(await client.getConnection("x", { signal: AbortSignal.timeout(10) }).catch((e: unknown) => e));
    expect(error.kind).toBe("timeout");
  });

  it("reports an unreadable success body as bad_response", async () => {
    const { client } = setup([{ status: 200, rawBody: "<html>" }]);
    expect(fail(await client.testConnection("x").catch((e: unknown) => e)).kind).toBe("bad_response");
  });

  it("reports unknown statuses as unexpected", async () => {
    const { client } = setup([{ status: 418, body: {} }]);
    expect(fail(await client.testConnection("x").catch((e: unknown) => e)).kind).toBe("unexpected");
  });
});

describe("listing", () => {
  it("follows continuation tokens, filters on the S3 spec and returns one request id per page", async () => {
    const other = { ...CONNECTION_DTO, id: "other", connectionSpec: { id: "not-s3", version: "1.0" } };
    const { client, fake } = setup([
      { status: 200, body: { items: [CONNECTION_DTO, other], _links: { next: { href: "/connections?continuationToken=T1" } } } },
      { status: 200, body: { items: [{ ...CONNECTION_DTO, id: "second" }], _links: {} } },
    ]);
    const result = await client.listConnections({ pageSize: 2 });
    expect(result.connections.map((c) => c.id)).toEqual([CONNECTION_DTO.id, "second"]);
    expect(result.requestIds).toEqual(["req-1", "req-2"]);
    const first = new URL(fake.calls[0]?.url ?? "");
    expect(first.searchParams.getAll("property")).toEqual([`connectionSpec.id==${S3_CONNECTION_SPEC_ID}`]);
    expect(first.searchParams.get("limit")).toBe("2");
    expect(new URL(fake.calls[1]?.url ?? "").searchParams.get("continuationToken")).toBe("T1");
  });

  it("never follows an absolute next href to another host", async () => {
    const { client, fake } = setup([
      { status: 200, body: { items: [], _links: { next: { href: "https://evil.example/steal?continuationToken=T2" } } } },
      { status: 200, body: { items: [] } },
    ]);
    await client.listConnections();
    expect(fake.calls[1]?.url.startsWith(TEST_CONFIG.baseUrl)).toBe(true);
  });

  it("detects a pagination loop", async () => {
    const looping = { status: 200, body: { items: [], _links: { next: { href: "/connections?continuationToken=SAME" } } } };
    const { client } = setup([looping, looping]);
    expect(fail(await client.listConnections().catch((e: unknown) => e)).kind).toBe("bad_response");
  });

  it("findConnectionsByName compares names exactly", async () => {
    const { client, fake } = setup([{ status: 200, body: { items: [CONNECTION_DTO, { ...CONNECTION_DTO, id: "b", name: "amazon s3 base connection" }] } }]);
    const found = await client.findConnectionsByName(CONNECTION_DTO.name);
    expect(found.connections.map((c) => c.id)).toEqual([CONNECTION_DTO.id]);
    expect(new URL(fake.calls[0]?.url ?? "").searchParams.getAll("property")).toContain(`name==${CONNECTION_DTO.name}`);
  });
});
