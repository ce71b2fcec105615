/**
 * Client behaviour under injected faults (simulator control API), and every error kind the
 * client can report, produced by a real HTTP exchange.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FlowServiceError, type CreateConnectionInput } from "@/lib/flow-service";
import { startHarness, type Harness } from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sim: { seed: 5 } });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.sim.clearFaults();
  h.sim.clearRequests();
  h.sleeps.length = 0;
});

async function failure(promise: Promise<unknown>): Promise<FlowServiceError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof FlowServiceError)) throw new Error(`expected FlowServiceError, got ${String(error)}`);
  return error;
}

const input = (name: string): CreateConnectionInput => ({
  name,
  auth: { specName: "Access Key", params: { s3AccessKey: "AKIAFAKEEXAMPLE00001", s3SecretKey: "fake-secret-key-0001", bucketName: "acme-landing" } },
});
const flowRequests = (method: string) => h.sim.requests().filter((r) => r.method === method && r.path.includes("/flowservice/"));

describe("retries", () => {
  it("retries 500 and 503 on GET with one request id across attempts", async () => {
    h.sim.addFault({ method: "GET", pathPattern: "/connections$", kind: "status", status: 503, times: 1 });
    h.sim.addFault({ method: "GET", pathPattern: "/connections$", kind: "status", status: 500, times: 1 });
    const { connections, requestIds } = await h.client.listConnections();
    expect(connections).toHaveLength(5);
    const attempts = flowRequests("GET");
    expect(attempts.map((r) => r.status)).toEqual([503, 500, 200]);
    expect(new Set(attempts.map((r) => r.requestId))).toEqual(new Set(requestIds));
    expect(h.sleeps).toHaveLength(2);
  });

  it("honours Retry-After on 429", async () => {
    h.sim.addFault({ pathPattern: "/connections$", kind: "status", status: 429, retryAfterSeconds: 2 });
    await h.client.listConnections();
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(2_000);
  });

  it("surfaces rate_limited with retryAfterMs when the pause asked for is too long", async () => {
    h.sim.addFault({ pathPattern: "/connections$", kind: "status", status: 429, retryAfterSeconds: 300 });
    const error = await failure(h.client.listConnections());
    expect([error.kind, error.retryAfterMs, error.status]).toEqual(["rate_limited", 300_000, 429]);
    expect(flowRequests("GET")).toHaveLength(1);
  });

  it("reports unavailable once retries are exhausted", async () => {
    h.sim.addFault({ pathPattern: "/connections$", kind: "status", status: 503, times: 10 });
    const error = await failure(h.client.listConnections());
    expect(error.kind).toBe("unavailable");
    expect(flowRequests("GET")).toHaveLength(4);
  });

  it("retries a dropped connection on GET", async () => {
    h.sim.addFault({ method: "GET", pathPattern: "/connections$", kind: "drop" });
    expect((await h.client.listConnections()).connections).toHaveLength(5);
  });

  it("turns a hang into a timeout, then recovers on retry", async () => {
    const quick = h.clientWith({ timeoutMs: 250, maxRetries: 0 });
    h.sim.addFault({ pathPattern: "/connectionSpecs/", kind: "hang" });
    const error = await failure(quick.getConnectionSpec());
    expect(error.kind).toBe("timeout");
    h.sim.addFault({ pathPattern: "/connectionSpecs/", kind: "hang" });
    const patient = h.clientWith({ timeoutMs: 250, maxRetries: 1 });
    expect((await patient.getConnectionSpec()).spec.authSpecs).toHaveLength(2);
  });

  it("does not replay a PATCH after a 500 and flags the outcome as unknown", async () => {
    const created = await h.client.createConnection(input("patch-500"));
    h.sim.addFault({ method: "PATCH", kind: "status", status: 500 });
    const error = await failure(h.client.patchConnection(created.id, created.etag, [{ op: "replace", path: "/description", value: "x" }]));
    expect([error.kind, error.outcomeUnknown]).toEqual(["unavailable", true]);
    expect(flowRequests("PATCH")).toHaveLength(1);
  });
});

describe("create never duplicates", () => {
  it("adopts the connection committed before a dropped response: exactly one exists", async () => {
    h.sim.addFault({ method: "POST", pathPattern: "/connections$", kind: "drop-after-commit" });
    const result = await h.client.createConnection(input("dropped-after-commit"));
    expect(result.adopted).toBe(true);
    const named = h.sim.connections("prod").filter((c) => c.name === "dropped-after-commit");
    expect(named).toHaveLength(1);
    expect(named[0]?.id).toBe(result.id);
    expect(named[0]?.etag).toBe(result.etag);
    expect(flowRequests("POST")).toHaveLength(1);
  });

  it("creates once when a drop happened before the server did anything", async () => {
    h.sim.addFault({ method: "POST", pathPattern: "/connections$", kind: "drop" });
    const result = await h.client.createConnection(input("dropped-before"));
    expect(result.adopted).toBe(false);
    expect(h.sim.connections("prod").filter((c) => c.name === "dropped-before")).toHaveLength(1);
    expect(flowRequests("POST")).toHaveLength(2);
  });

  it("creates once after a timeout that committed nothing", async () => {
    h.sim.addFault({ method: "POST", pathPattern: "/connections$", kind: "hang" });
    const result = await h.clientWith({ timeoutMs: 250 }).createConnection(input("timed-out"));
    expect(result.adopted).toBe(false);
    expect(h.sim.connections("prod").filter((c) => c.name === "timed-out")).toHaveLength(1);
  });

  it("retries 429/503 on create without a lookup", async () => {
    h.sim.addFault({ method: "POST", pathPattern: "/connections$", kind: "status", status: 429, retryAfterSeconds: 1 });
    h.sim.addFault({ method: "POST", pathPattern: "/connections$", kind: "status", status: 503 });
    await h.client.createConnection(input("throttled"));
    expect(flowRequests("POST").map((r) => r.status)).toEqual([429, 503, 201]);
    expect(flowRequests("GET")).toHaveLength(0);
    expect(h.sim.connections("prod").filter((c) => c.name === "throttled")).toHaveLength(1);
  });
});

describe("every error kind over HTTP", () => {
  it("precondition_failed: an out-of-band write makes our etag stale", async () => {
    const created = await h.client.createConnection(input("stale-etag"));
    h.sim.touch(created.id);
    const error = await failure(h.client.patchConnection(created.id, created.etag, [{ op: "replace", path: "/name", value: "x" }]));
    expect([error.kind, error.status]).toEqual(["precondition_failed", 412]);
    expect(error.detail).toMatch(/^\{"errorMessage":"Supplied version=\[.+\] does not match the current version on entity=\[.+\]"\}$/);
    expect((await failure(h.client.deleteConnection(created.id, created.etag))).kind).toBe("precondition_failed");
  });

  it("unauthorized → refreshed transparently when the token is revoked", async () => {
    await h.client.listConnections();
    h.sim.revokeTokens();
    await h.client.listConnections();
    const statuses = flowRequests("GET").map((r) => r.status);
    expect(statuses).toEqual([200, 401, 200]);
    expect(h.sim.requests().filter((r) => r.path === "/ims/token/v3")).toHaveLength(1);
  });

  it("forbidden: unknown sandbox", async () => {
    const error = await failure(h.client.listConnections({ sandbox: "no-such-sandbox" }));
    expect([error.kind, error.status, error.errorCode]).toEqual(["forbidden", 403, "403027"]);
  });

  it("validation, not_found", async () => {
    expect((await failure(h.client.explore("missing-id", { objectType: "root" }))).kind).toBe("not_found");
    const created = await h.client.createConnection(input("bad-patch"));
    const error = await failure(h.client.patchConnection(created.id, created.etag, [{ op: "replace", path: "/state", value: "disabled" }]));
    expect([error.kind, error.fields?.[0]?.field]).toEqual(["validation", "state"]);
  });

  it("bad_response: a success body of the wrong shape", async () => {
    h.sim.addFault({ pathPattern: "/test$", kind: "status", status: 200, body: { result: "yes" } });
    expect((await failure(h.client.testConnection("any"))).kind).toBe("bad_response");
  });

  it("unexpected: a status the client has no meaning for", async () => {
    h.sim.addFault({ pathPattern: "/test$", kind: "status", status: 418, body: { title: "teapot" } });
    expect((await failure(h.client.testConnection("any"))).kind).toBe("unexpected");
  });

  it("network: nothing listens at the configured URL", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 1));
      });
    });
    const offline = h.clientWith({ baseUrl: `http://127.0.0.1:${port}/data/foundation/flowservice`, maxRetries: 1 });
    const error = await failure(offline.listConnections());
    expect(error.kind).toBe("network");
    expect(error.requestId).not.toBe("");
  });
});
