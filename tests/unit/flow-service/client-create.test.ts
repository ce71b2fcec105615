import { describe, expect, it } from "vitest";
import { createFlowServiceClient, FlowServiceError, type CreateConnectionInput } from "@/lib/flow-service";
import { CONNECTION_DTO, createFakeFetch, socketError, TEST_CONFIG, testDeps, type Step } from "./fake-fetch";

const INPUT: CreateConnectionInput = {
  name: "Amazon S3 base connection",
  description: "d",
  auth: { specName: "Access Key", params: { s3AccessKey: "AKIAEXAMPLE", s3SecretKey: "secret-key-value", s3SessionToken: "session-token-value" } },
};
const CREATED = { status: 201, body: { id: "new-id", etag: '"e1"' } };
const NOW = 1_700_000_000_000; // testDeps() clock

function setup(steps: Step[], config = TEST_CONFIG) {
  const fake = createFakeFetch(steps);
  const t = testDeps();
  const client = createFlowServiceClient(config, { fetch: fake.fetch, ...t.deps });
  const posts = () => fake.calls.filter((c) => c.method === "POST").length;
  const gets = () => fake.calls.filter((c) => c.method === "GET").length;
  return { client, fake, posts, gets };
}

const listing = (items: unknown[]) => ({ status: 200, body: { items } });
const fail = (error: unknown) => error as FlowServiceError;

describe("createConnection", () => {
  it("posts the documented body and returns id, etag and request id", async () => {
    const { client, fake } = setup([CREATED]);
    expect(await client.createConnection(INPUT)).toEqual({ id: "new-id", etag: '"e1"', requestId: "req-1", adopted: false });
    expect(JSON.parse(fake.calls[0]?.body ?? "")).toEqual({
      name: INPUT.name,
      description: "d",
      auth: INPUT.auth,
      connectionSpec: { id: "ecadc60c-7455-4d87-84dc-2a0e293d997b", version: "1.0" },
    });
    expect(fake.calls[0]?.headers.get("content-type")).toBe("application/json");
  });

  it("retries 429 and 503 directly: the server did nothing", async () => {
    const { client, posts, gets } = setup([{ status: 429, headers: { "Retry-After": "1" } }, { status: 503 }, CREATED]);
    expect((await client.createConnection(INPUT)).adopted).toBe(false);
    expect([posts(), gets()]).toEqual([3, 0]);
  });

  it("retries a refused connection directly: the request never left", async () => {
    const { client, posts, gets } = setup([{ error: socketError("ECONNREFUSED") }, CREATED]);
    await client.createConnection(INPUT);
    expect([posts(), gets()]).toEqual([2, 0]);
  });

  it("adopts the connection found after a dropped response instead of posting again", async () => {
    const committed = { ...CONNECTION_DTO, id: "committed", name: INPUT.name, etag: '"c1"', createdAt: NOW + 5 };
    const { client, posts } = setup([{ error: socketError("ECONNRESET") }, listing([committed])]);
    expect(await client.createConnection(INPUT)).toEqual({ id: "committed", etag: '"c1"', requestId: "req-1", adopted: true });
    expect(posts()).toBe(1);
  });

  it("looks up by exact name with the S3 spec filter", async () => {
    const { client, fake } = setup([{ status: 500 }, listing([]), CREATED]);
    await client.createConnection(INPUT);
    const lookup = new URL(fake.calls[1]?.url ?? "");
    expect(lookup.searchParams.getAll("property")).toEqual(["connectionSpec.id==ecadc60c-7455-4d87-84dc-2a0e293d997b", `name==${INPUT.name}`]);
  });

  it("ignores a same-named connection created long before the attempt", async () => {
    const old = { ...CONNECTION_DTO, id: "old", name: INPUT.name, createdAt: NOW - 3_600_000 };
    const { client, posts } = setup([{ status: 504 }, listing([old]), CREATED]);
    expect(await client.createConnection(INPUT)).toMatchObject({ id: "new-id", adopted: false });
    expect(posts()).toBe(2);
  });

  it("resends after an ambiguous failure only when the lookup finds nothing", async () => {
    const { client, posts, gets } = setup([{ hang: true }, listing([]), CREATED], { ...TEST_CONFIG, timeoutMs: 30 });
    expect((await client.createConnection(INPUT)).adopted).toBe(false);
    expect([posts(), gets()]).toEqual([2, 1]);
  });

  it("does not resend when the lookup itself fails, and says the outcome is unknown", async () => {
    const { client, posts } = setup([{ status: 502 }, { status: 403, body: { error_code: "403025", message: "Profile is not valid" } }]);
    const error = fail(await client.createConnection(INPUT).catch((e: unknown) => e));
    expect([error.kind, error.outcomeUnknown, error.requestId]).toEqual(["unavailable", true, "req-1"]);
    expect(posts()).toBe(1);
  });

  it("stops after maxRetries ambiguous attempts with outcomeUnknown", async () => {
    const steps: Step[] = [];
    for (let i = 0; i < 4; i++) steps.push({ status: 500 }, listing([]));
    const { client, posts } = setup(steps);
    const error = fail(await client.createConnection(INPUT).catch((e: unknown) => e));
    expect([error.kind, error.outcomeUnknown]).toEqual(["unavailable", true]);
    expect(posts()).toBe(4);
  });

  it("adopts by name when a 201 body cannot be read", async () => {
    const committed = { ...CONNECTION_DTO, id: "committed", name: INPUT.name, createdAt: NOW };
    const { client } = setup([{ status: 201, rawBody: "not json" }, listing([committed])]);
    expect(await client.createConnection(INPUT)).toMatchObject({ id: "committed", adopted: true });
  });

  it("does not retry validation errors and never leaks the secrets sent", async () => {
    const body = { title: "BadRequestError", detail: "secret-key-value / session-token-value rejected", errors: [{ path: "auth.params.s3SecretKey", message: "secret-key-value is weak" }] };
    const { client, posts } = setup([{ status: 400, body }]);
    const error = fail(await client.createConnection(INPUT).catch((e: unknown) => e));
    expect(error.kind).toBe("validation");
    expect(posts()).toBe(1);
    const serialized = JSON.stringify({ ...error.toJSON(), message: error.message });
    expect(serialized).not.toContain("secret-key-value");
    expect(serialized).not.toContain("session-token-value");
    expect(error.fields?.[0]?.field).toBe("auth.params.s3SecretKey");
  });

  it("refuses an empty name locally: it could never be found again", async () => {
    const { client, fake } = setup([]);
    const error = fail(await client.createConnection({ ...INPUT, name: "  " }).catch((e: unknown) => e));
    expect(error.kind).toBe("validation");
    expect(fake.calls).toHaveLength(0);
  });
});
