// The egress guard where it matters: on the connection itself. A name that resolves to 127.0.0.1
// (a custom resolver plays the DNS) and a redirect to loopback are refused before any byte
// reaches the listener; the same resolver with the origin allowlisted does connect, which shows
// the listener would have been reached without the guard.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFlowServiceClient, type FlowServiceConfig } from "@/lib/flow-service";
import { createGuardedFetch, guardedFetch, parseOutboundAllow, type LookupAll, type OutboundPolicy } from "@/lib/net";
import { checkBucketAccess } from "@/lib/s3";
import { mintSessionCredentials } from "@/lib/sts";
import { startFlowServiceSimulator, type FlowServiceSimulator } from "@/simulators/flow-service";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_SECRET_ACCESS_KEY } from "@/simulators/s3/demo";
import { DEMO_CONSOLE_ACCESS_KEY_ID, DEMO_CONSOLE_SECRET_ACCESS_KEY, DEMO_ROTATION_ROLE_ARN } from "@/simulators/sts";
import { startCountingListener, type CountingListener } from "../support/listener";

/** Plays the DNS: every name resolves to 127.0.0.1. Counts the questions it was asked. */
function loopbackResolver(): { lookup: LookupAll; asked: string[] } {
  const asked: string[] = [];
  return { asked, lookup: (hostname, _options, callback) => (asked.push(hostname), callback(null, [{ address: "127.0.0.1", family: 4 }])) };
}

function policy(allow: string, lookup?: LookupAll): OutboundPolicy {
  const parsed = parseOutboundAllow(allow);
  if (!parsed.ok) throw new Error(parsed.problem);
  return { allow: parsed.allow, ...(lookup ? { lookup } : {}) };
}

let internal: CountingListener;
beforeAll(async () => {
  internal = await startCountingListener();
});
afterAll(async () => {
  await internal.close();
});

describe("a host name that resolves to 127.0.0.1", () => {
  const credentials = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY };

  it("is refused at connect time as an S3 service URL: nothing reaches the listener, nothing is learned from it", async () => {
    const dns = loopbackResolver();
    const endpoint = `https://s3.rebind.test:${internal.port}`;
    const result = await checkBucketAccess({ bucket: DEMO_BUCKET, credentials, endpoint }, { outbound: policy("", dns.lookup) });
    expect(result).toMatchObject({ ok: false, failure: { code: "AddressNotAllowed", operation: "HeadBucket" } });
    if (result.ok) return;
    expect(result.failure.message).toBe("This address is not allowed: s3.rebind.test resolves to a loopback address (this machine).");
    expect(result.failure.message).not.toMatch(/no bucket|NoSuchBucket|\b404\b/i);
    // Judged when connecting: the name was resolved by the guard's lookup, and nothing connected.
    expect(dns.asked).toContain("s3.rebind.test");
    expect(internal.connections()).toBe(0);
  });

  it("does connect when an administrator allowlisted that origin (the control: same resolver, same listener)", async () => {
    const dns = loopbackResolver();
    const endpoint = `https://s3.rebind.test:${internal.port}`;
    const before = internal.connections();
    const result = await checkBucketAccess({ bucket: DEMO_BUCKET, credentials, endpoint }, { outbound: policy(endpoint, dns.lookup) });
    // The listener hangs up on the TLS handshake; what matters is that it was reached.
    expect(result.ok ? "" : result.failure.code).not.toBe("AddressNotAllowed");
    expect(internal.connections()).toBeGreaterThan(before);
  });

  it("is refused for guarded fetch and for STS_ENDPOINT too", async () => {
    const dns = loopbackResolver();
    await expect(createGuardedFetch(policy("", dns.lookup))(`https://hooks.rebind.test:${internal.port}/deliver`, { method: "POST", body: "{}" })).rejects.toMatchObject({
      code: "ERR_OUTBOUND_NOT_ALLOWED",
      message: "This address is not allowed: hooks.rebind.test resolves to a loopback address (this machine).",
    });
    const minted = await mintSessionCredentials(
      { roleArn: DEMO_ROTATION_ROLE_ARN },
      { endpoint: `https://sts.rebind.test:${internal.port}`, credentials: { accessKeyId: DEMO_CONSOLE_ACCESS_KEY_ID, secretAccessKey: DEMO_CONSOLE_SECRET_ACCESS_KEY }, outbound: policy("", dns.lookup) },
    );
    expect(minted).toMatchObject({ ok: false, error: { code: "AddressNotAllowed", message: expect.stringMatching(/^This address is not allowed: sts\.rebind\.test resolves to a loopback address/) } });
    expect(internal.connections()).toBe(1); // only the control above
  });
});

describe("guardedFetch, the door for later callers (webhooks, OIDC discovery)", () => {
  it("follows this process's OUTBOUND_ALLOW, read again when it changes", async () => {
    const server = createServer((_request, response) => response.end("pong"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`;
    const saved = process.env.OUTBOUND_ALLOW;
    try {
      process.env.OUTBOUND_ALLOW = "";
      await expect(guardedFetch(url)).rejects.toMatchObject({ code: "ERR_OUTBOUND_NOT_ALLOWED", message: expect.stringMatching(/loopback/) });
      process.env.OUTBOUND_ALLOW = new URL(url).origin;
      expect(await (await guardedFetch(url)).text()).toBe("pong");
    } finally {
      process.env.OUTBOUND_ALLOW = saved;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("redirects", () => {
  let allowed: Server;
  let allowedOrigin = "";
  let location = "";
  const requests: string[] = [];
  beforeAll(async () => {
    // An allowlisted service that sends every request elsewhere.
    allowed = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(request.method === "POST" ? 307 : 302, { location }).end();
    });
    await new Promise<void>((resolve) => allowed.listen(0, "127.0.0.1", resolve));
    allowedOrigin = `http://127.0.0.1:${(allowed.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => allowed.close(() => resolve()));
  });
  afterEach(() => {
    requests.length = 0;
  });

  it.each([
    ["http://127.0.0.1:{port}/next", /http:\/\/127\.0\.0\.1:\d+ is a loopback address/],
    ["http://localhost:{port}/next", /http:\/\/localhost:\d+ uses plain http/],
    ["https://localhost:{port}/next", /localhost resolves to a loopback address/],
    ["https://[::ffff:127.0.0.1]:{port}/next", /IPv4-mapped IPv6 form of a loopback address/],
  ])("from an allowed host to %s is refused, hop by hop", async (target, reason) => {
    location = target.replace("{port}", String(internal.port));
    const before = internal.connections();
    const fetchGuarded = createGuardedFetch(policy(allowedOrigin));
    const error = await fetchGuarded(`${allowedOrigin}/start`).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: "ERR_OUTBOUND_NOT_ALLOWED", message: expect.stringMatching(reason) });
    expect(requests).toEqual(["GET /start"]);
    expect(internal.connections()).toBe(before);
  });

  it("is followed when the guard allows the destination too (the control)", async () => {
    location = `http://127.0.0.1:${internal.port}/next`;
    const before = internal.connections();
    const fetchGuarded = createGuardedFetch(policy(`${allowedOrigin},http://127.0.0.1:${internal.port}`));
    await expect(fetchGuarded(`${allowedOrigin}/start`)).rejects.toThrow(); // the listener hangs up
    expect(internal.connections()).toBe(before + 1);
  });

  describe("the Flow Service client follows none", () => {
    let sim: FlowServiceSimulator;
    beforeAll(async () => {
      sim = await startFlowServiceSimulator({});
    });
    afterAll(async () => {
      await sim.close();
    });
    const config = (over: Partial<FlowServiceConfig>): FlowServiceConfig => ({
      baseUrl: sim.url,
      imsUrl: sim.imsUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      orgId: sim.orgId,
      scopes: "openid",
      defaultSandbox: "prod",
      timeoutMs: 2_000,
      maxRetries: 0,
      // Everything involved is allowlisted: what stops the redirect is the client itself.
      outbound: policy(`${new URL(sim.url).origin},${allowedOrigin},http://127.0.0.1:${internal.port}`),
      ...over,
    });

    it("not from FLOW_SERVICE_URL", async () => {
      location = `http://127.0.0.1:${internal.port}/data/foundation/flowservice/connections`;
      const before = internal.connections();
      const client = createFlowServiceClient(config({ baseUrl: `${allowedOrigin}/data/foundation/flowservice` }));
      await expect(client.listConnections()).rejects.toMatchObject({ name: "FlowServiceError" });
      expect(requests.length).toBeGreaterThan(0);
      expect(internal.connections()).toBe(before);
    });

    it("not from ADOBE_IMS_URL, whose request carries the client secret", async () => {
      location = `http://127.0.0.1:${internal.port}/ims/token/v3`;
      const before = internal.connections();
      const client = createFlowServiceClient(config({ imsUrl: `${allowedOrigin}/ims/token/v3` }));
      const error = await client.listConnections().then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ kind: "bad_response", message: expect.stringMatching(/redirect, which the console does not follow/) });
      expect(String((error as Error).message)).not.toContain(String(internal.port));
      expect(requests).toEqual(["POST /ims/token/v3"]);
      expect(internal.connections()).toBe(before);
    });
  });
});
