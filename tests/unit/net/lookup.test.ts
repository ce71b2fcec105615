// The connection-time check on resolved addresses, with a fake resolver: what the socket would
// connect to is what is judged, every time it connects (so a name re-pointed after a first look
// at it, DNS rebinding, is caught).
import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { guardSocketOptions, refusingLookup, type LookupAll } from "@/lib/net";

function resolverAnswering(...answers: LookupAddress[][]): { lookup: LookupAll; calls: () => number } {
  let calls = 0;
  const lookup: LookupAll = (_hostname, _options, callback) => {
    const answer = answers[Math.min(calls, answers.length - 1)]!;
    calls += 1;
    callback(null, answer);
  };
  return { lookup, calls: () => calls };
}

function lookupOnce(lookup: ReturnType<typeof refusingLookup>, all: boolean): Promise<{ error: (Error & { code?: string }) | null; result: unknown }> {
  return new Promise((resolve) => lookup("bucket.rebind.test", { all, family: 0 }, (error, address, family) => resolve({ error: error as never, result: all ? address : { address, family } })));
}

describe("refusingLookup", () => {
  it("passes public answers through in the shape net.connect asked for", async () => {
    const { lookup } = resolverAnswering([{ address: "52.216.8.13", family: 4 }, { address: "2600:1f18::1", family: 6 }]);
    expect(await lookupOnce(refusingLookup(lookup), true)).toEqual({ error: null, result: [{ address: "52.216.8.13", family: 4 }, { address: "2600:1f18::1", family: 6 }] });
    expect(await lookupOnce(refusingLookup(lookup), false)).toEqual({ error: null, result: { address: "52.216.8.13", family: 4 } });
  });

  it("refuses a name that resolves to 127.0.0.1", async () => {
    const { lookup } = resolverAnswering([{ address: "127.0.0.1", family: 4 }]);
    const { error } = await lookupOnce(refusingLookup(lookup), true);
    expect(error?.code).toBe("ERR_OUTBOUND_NOT_ALLOWED");
    expect(error?.message).toBe("This address is not allowed: bucket.rebind.test resolves to a loopback address (this machine).");
  });

  it("refuses when any one of the answers is internal (happy eyeballs could pick it)", async () => {
    const { lookup } = resolverAnswering([{ address: "52.216.8.13", family: 4 }, { address: "fd00:ec2::254", family: 6 }]);
    expect((await lookupOnce(refusingLookup(lookup), true)).error?.message).toMatch(/unique-local/);
  });

  it("judges every connection afresh: a name re-pointed to loopback (rebinding) is refused", async () => {
    const { lookup, calls } = resolverAnswering([{ address: "52.216.8.13", family: 4 }], [{ address: "127.0.0.1", family: 4 }]);
    const guarded = refusingLookup(lookup);
    expect((await lookupOnce(guarded, false)).error).toBeNull();
    expect((await lookupOnce(guarded, false)).error?.message).toMatch(/resolves to a loopback address/);
    expect(calls()).toBe(2);
  });

  it("passes resolver errors through", async () => {
    const failing: LookupAll = (hostname, _options, callback) => callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
    expect((await lookupOnce(refusingLookup(failing), true)).error?.code).toBe("ENOTFOUND");
  });
});

describe("guardSocketOptions", () => {
  const policy = { allow: [{ protocol: "http:" as const, host: "127.0.0.1", port: 4569 }] };

  it("leaves an allowlisted origin's options alone (the system resolver is used)", () => {
    const options = { host: "127.0.0.1", port: 4569 };
    expect(guardSocketOptions("http:", options, policy)).toEqual({ ok: true, options });
  });

  it("adds the refusing lookup for a name", () => {
    const guarded = guardSocketOptions("https:", { host: "s3.eu-west-1.amazonaws.com", port: 443 }, policy);
    expect(guarded.ok && typeof guarded.options.lookup).toBe("function");
  });

  it("refuses IP literals before any socket exists (net.connect would skip the lookup)", () => {
    const guarded = guardSocketOptions("https:", { host: "169.254.169.254", port: 443 }, policy);
    expect(guarded).toMatchObject({ ok: false });
    if (!guarded.ok) expect(guarded.error.message).toMatch(/link-local/);
  });

  it("refuses Unix sockets", () => {
    expect(guardSocketOptions("http:", { socketPath: "/var/run/docker.sock" }, policy)).toMatchObject({ ok: false });
  });
});
