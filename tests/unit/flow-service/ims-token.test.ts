import { describe, expect, it } from "vitest";
import { createImsTokenProvider, FlowServiceError } from "@/lib/flow-service";
import { createFakeFetch, jsonResponse, TEST_CONFIG } from "./fake-fetch";

const imsConfig = { ...TEST_CONFIG, timeoutMs: 1_000 };

function provider(fetchFn: typeof fetch, now: () => number = () => 0) {
  return createImsTokenProvider(imsConfig, { fetch: fetchFn, now });
}

describe("IMS token provider", () => {
  it("posts a form-encoded client_credentials grant", async () => {
    const fake = createFakeFetch([]);
    await provider(fake.fetch).getToken({ requestId: "r" });
    const form = new URLSearchParams(fake.imsBodies[0]);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: "client_credentials",
      client_id: "client-id",
      client_secret: "client-secret-value",
      scope: "openid,AdobeID",
    });
  });

  it("makes exactly one token request for many concurrent callers", async () => {
    const fake = createFakeFetch([]);
    const tokens = provider(fake.fetch);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => tokens.getToken({ requestId: `r${i}` })));
    expect(new Set(results)).toEqual(new Set(["token-1"]));
    expect(fake.imsBodies).toHaveLength(1);
  });

  it("caches until 60 s before expiry, then refreshes once", async () => {
    let now = 0;
    const fake = createFakeFetch([], { tokenTtlSeconds: 3_600 });
    const tokens = provider(fake.fetch, () => now);
    expect(await tokens.getToken({ requestId: "a" })).toBe("token-1");
    now = 3_600_000 - 60_001;
    expect(await tokens.getToken({ requestId: "b" })).toBe("token-1");
    now = 3_600_000 - 60_000;
    const [x, y] = await Promise.all([tokens.getToken({ requestId: "c" }), tokens.getToken({ requestId: "d" })]);
    expect([x, y]).toEqual(["token-2", "token-2"]);
    expect(fake.imsBodies).toHaveLength(2);
  });

  it("refreshes at half-life for tokens shorter than two minutes", async () => {
    let now = 0;
    const fake = createFakeFetch([], { tokenTtlSeconds: 60 });
    const tokens = provider(fake.fetch, () => now);
    await tokens.getToken({ requestId: "a" });
    now = 29_999;
    expect(await tokens.getToken({ requestId: "b" })).toBe("token-1");
    now = 30_000;
    expect(await tokens.getToken({ requestId: "c" })).toBe("token-2");
  });

  it("invalidate() drops only the token it names", async () => {
    const fake = createFakeFetch([]);
    const tokens = provider(fake.fetch);
    await tokens.getToken({ requestId: "a" });
    tokens.invalidate("some-older-token");
    expect(await tokens.getToken({ requestId: "b" })).toBe("token-1");
    tokens.invalidate("token-1");
    expect(await tokens.getToken({ requestId: "c" })).toBe("token-2");
  });

  it("reports rejected credentials as unauthorized without leaking the secret", async () => {
    const fake = createFakeFetch([], { imsStatus: 401, imsBody: { error: "invalid_client", error_description: "invalid client_secret client-secret-value" } });
    const error = await provider(fake.fetch).getToken({ requestId: "r-9" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowServiceError);
    const flowError = error as FlowServiceError;
    expect(flowError.kind).toBe("unauthorized");
    expect(flowError.requestId).toBe("r-9");
    expect(JSON.stringify(flowError.toJSON())).not.toContain("client-secret-value");
    expect(flowError.message).not.toContain("client-secret-value");
  });

  it("shares one failure between waiters, each with its own request id, and retries next time", async () => {
    let calls = 0;
    const flaky = (async () => {
      calls += 1;
      return calls === 1 ? jsonResponse(503, {}) : jsonResponse(200, { access_token: "fresh", expires_in: 100 });
    }) as unknown as typeof fetch;
    const tokens = provider(flaky);
    const errors = await Promise.all(["a", "b"].map((id) => tokens.getToken({ requestId: id }).then(() => undefined, (e: FlowServiceError) => e)));
    expect(errors.map((e) => [e?.kind, e?.requestId])).toEqual([["unavailable", "a"], ["unavailable", "b"]]);
    expect(await tokens.getToken({ requestId: "c" })).toBe("fresh");
    expect(calls).toBe(2);
  });

  it("rejects an unreadable token response as bad_response without keeping the body", async () => {
    const weird = (async () => jsonResponse(200, { access_token: "tok-should-not-leak" })) as unknown as typeof fetch;
    const error = (await provider(weird).getToken({ requestId: "r" }).catch((e: unknown) => e)) as FlowServiceError;
    expect(error.kind).toBe("bad_response");
    expect(JSON.stringify(error.toJSON())).not.toContain("tok-should-not-leak");
  });

  it("maps a network failure to network", async () => {
    const down = (async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof fetch;
    const error = await provider(down).getToken({ requestId: "r" }).then(() => undefined, (e: FlowServiceError) => e);
    expect(error?.kind).toBe("network");
  });

  it("gives up on an IMS that does not answer within the timeout, as a timeout", async () => {
    const silent = ((_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true }))) as unknown as typeof fetch;
    const tokens = createImsTokenProvider({ ...imsConfig, timeoutMs: 30 }, { fetch: silent, now: () => 0 });
    const error = await tokens.getToken({ requestId: "r" }).then(() => undefined, (e: FlowServiceError) => e);
    expect([error?.kind, error?.message]).toEqual(["timeout", "Adobe IMS did not answer in time."]);
  });

  it("lets a waiter give up through its signal without cancelling the shared refresh", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = (async () => {
      await gate;
      return jsonResponse(200, { access_token: "late", expires_in: 3_600 });
    }) as unknown as typeof fetch;
    const tokens = provider(slow);
    const controller = new AbortController();
    const abandoned = tokens.getToken({ requestId: "a", signal: controller.signal });
    const patient = tokens.getToken({ requestId: "b" });
    controller.abort(new Error("user left"));
    await expect(abandoned).rejects.toThrow("user left");
    release();
    expect(await patient).toBe("late");
  });
});
