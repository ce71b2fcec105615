import { describe, expect, it } from "vitest";
import { createFlowServiceClient, type CallEvent, type RetryEvent } from "@/lib/flow-service";
import { CONNECTION_DTO, createFakeFetch, socketError, TEST_CONFIG, testDeps, type Step } from "./fake-fetch";

function setup(steps: Step[], observer?: { call?(e: CallEvent): void; retry?(e: RetryEvent): void }) {
  const fake = createFakeFetch(steps);
  const t = testDeps();
  const calls: CallEvent[] = [];
  const retries: RetryEvent[] = [];
  const client = createFlowServiceClient(TEST_CONFIG, {
    fetch: fake.fetch,
    ...t.deps,
    observer: observer ?? { call: (e) => void calls.push(e), retry: (e) => void retries.push(e) },
  });
  return { client, calls, retries };
}

const ok = { status: 200, body: { items: [CONNECTION_DTO] } };

describe("the client's observer", () => {
  it("hears of every request with its operation, status, request id and duration, and of every retry", async () => {
    const { client, calls, retries } = setup([{ status: 503, headers: { "retry-after": "1" } }, { error: socketError("ECONNRESET") }, ok]);
    await client.getConnection(CONNECTION_DTO.id, { sandbox: "dev" });
    expect(calls.map(({ operation, method, sandbox, status, outcome, requestId }) => ({ operation, method, sandbox, status, outcome, requestId }))).toEqual([
      { operation: "getConnection", method: "GET", sandbox: "dev", status: 503, outcome: "unavailable", requestId: "req-1" },
      { operation: "getConnection", method: "GET", sandbox: "dev", status: undefined, outcome: "network", requestId: "req-1" },
      { operation: "getConnection", method: "GET", sandbox: "dev", status: 200, outcome: "ok", requestId: "req-1" },
    ]);
    expect(calls.every((e) => typeof e.durationMs === "number" && e.durationMs >= 0)).toBe(true);
    expect(retries.map(({ operation, reason, status, retryIndex, delayMs }) => ({ operation, reason, status, retryIndex, delayMs }))).toEqual([
      { operation: "getConnection", reason: "unavailable", status: 503, retryIndex: 0, delayMs: 1000 },
      { operation: "getConnection", reason: "network", status: undefined, retryIndex: 1, delayMs: 200 },
    ]);
  });

  it("names each client method, and reports a stale etag as a 412", async () => {
    const { client, calls } = setup([
      { status: 412, body: { title: "Precondition Failed" } },
      { status: 200, body: { id: "c1", etag: '"e2"' } },
      { status: 200, body: { items: [CONNECTION_DTO] } },
    ]);
    await expect(client.patchConnection("c1", '"stale"', [{ op: "replace", path: "/description", value: "d" }])).rejects.toMatchObject({ kind: "precondition_failed" });
    await client.patchConnection("c1", '"e1"', [{ op: "replace", path: "/description", value: "d" }]);
    await client.findConnectionsByName(CONNECTION_DTO.name);
    expect(calls.map((e) => `${e.operation} ${e.status}`)).toEqual(["patchConnection 412", "patchConnection 200", "findConnectionsByName 200"]);
  });

  it("never lets a failing observer change a call's outcome", async () => {
    const explode = () => {
      throw new Error("observer bug");
    };
    const { client } = setup([{ status: 503 }, ok], { call: explode, retry: explode });
    await expect(client.getConnection(CONNECTION_DTO.id)).resolves.toMatchObject({ connection: { id: CONNECTION_DTO.id } });
  });
});

describe("request ids chosen by the caller", () => {
  it("are asked for per operation, and random ids fill in when the caller has none", async () => {
    const fake = createFakeFetch([{ status: 200, body: { items: [CONNECTION_DTO] } }, { status: 200, body: { id: "c1", etag: '"e2"' } }, { status: 200, body: { id: "c1", etag: '"e3"' } }]);
    const asked: string[] = [];
    const client = createFlowServiceClient(TEST_CONFIG, {
      fetch: fake.fetch,
      ...testDeps().deps,
      requestIdFor: (operation) => {
        asked.push(operation);
        return operation === "patchConnection" && !asked.slice(0, -1).includes("patchConnection") ? "action-7" : undefined;
      },
    });
    await client.getConnection(CONNECTION_DTO.id);
    await client.patchConnection("c1", '"e1"', [{ op: "replace", path: "/description", value: "d" }]);
    await client.patchConnection("c1", '"e2"', [{ op: "replace", path: "/description", value: "e" }], { requestId: "explicit" });
    expect(asked).toEqual(["getConnection", "patchConnection"]);
    expect(fake.calls.map((call) => call.headers.get("x-request-id"))).toEqual(["req-1", "action-7", "explicit"]);
  });
});
