// The one HTTP call of webhook delivery against real local servers: a redirect is reported, not
// followed; the response body is never read (a receiver streaming forever does not hold the call);
// an unanswered request ends at the deadline; an unreachable host is named as such.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { allowOutbound } from "../support/outbound";
import { postWebhook } from "@/lib/alerts/deliver-http";
import { freePort } from "@/scripts/free-port";
import { startReceiver, type Receiver } from "../support/webhook-receiver";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const started = await startReceiver(...args);
  servers.push(started);
  return started;
}

describe("postWebhook", () => {
  it("posts the body and headers as given and reports a 2xx", async () => {
    const target = await receiver(() => ({ status: 201 }));
    expect(await postWebhook(`${target.url}/in`, '{"a":1}', { "content-type": "application/json", "x-test": "yes" }, 2_000)).toEqual({ ok: true, status: 201 });
    expect(target.received[0]).toMatchObject({ path: "/in", body: '{"a":1}', headers: { "x-test": "yes", "content-type": "application/json" } });
  });

  it("does not follow a redirect", async () => {
    const elsewhere = await receiver();
    const redirecting = await receiver(() => ({ status: 302, headers: { location: `${elsewhere.url}/stolen` } }));
    const outcome = await postWebhook(`${redirecting.url}/in`, "{}", {}, 2_000);
    expect(outcome).toEqual({ ok: false, status: 302, error: "The endpoint answered 302, a redirect; redirects are not followed. Register the final URL." });
    expect(elsewhere.received).toHaveLength(0);
  });

  it("reports a non-2xx status without reading the body", async () => {
    let closed!: () => void;
    const bodyAbandoned = new Promise<void>((resolve) => (closed = resolve));
    const endless: Server = createServer((req, res) => {
      req.resume();
      res.writeHead(500, { "content-type": "text/plain" });
      // Streams for as long as anyone reads; the console must hang up instead.
      const timer = setInterval(() => res.write("x".repeat(64 * 1024)), 5);
      res.on("close", () => {
        clearInterval(timer);
        closed();
      });
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    allowOutbound(`http://127.0.0.1:${(endless.address() as AddressInfo).port}`);
    servers.push({ close: () => new Promise<void>((resolve) => { endless.closeAllConnections(); endless.close(() => resolve()); }) });
    // A deadline far beyond the test's own timeout: a console that read the body would still be
    // reading when the test times out.
    const outcome = await postWebhook(`http://127.0.0.1:${(endless.address() as AddressInfo).port}/`, "{}", {}, 600_000);
    expect(outcome).toEqual({ ok: false, status: 500, error: "The endpoint answered 500." });
    // The console closed the response it did not read.
    await bodyAbandoned;
  });

  it("gives up at the deadline on a receiver that never answers", async () => {
    const silent = await receiver(() => "hang");
    expect(await postWebhook(`${silent.url}/`, "{}", {}, 1_000)).toEqual({ ok: false, status: null, error: "No answer within 1 s." });
  });

  it("names the network failure", async () => {
    const closed = await freePort();
    allowOutbound(`http://127.0.0.1:${closed}`);
    expect(await postWebhook(`http://127.0.0.1:${closed}/`, "{}", {}, 2_000)).toEqual({ ok: false, status: null, error: "Could not reach the endpoint: the connection was refused (nothing is listening there)." });
    const outcome = await postWebhook("https://no-such-host.invalid/hook", "{}", {}, 5_000);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? "" : outcome.error).toMatch(/^Could not reach the endpoint: the host name (does not exist|could not be resolved right now)\.$/);
  });

  it("refuses an address the egress guard does not allow, without connecting and without the URL's path", async () => {
    const outcome = await postWebhook("http://127.0.0.1:5999/hooks/secret-path-token", "{}", {}, 2_000);
    expect(outcome).toEqual({ ok: false, status: null, error: "This address is not allowed: http://127.0.0.1:5999 is a loopback address (this machine). An administrator can allow it with OUTBOUND_ALLOW." });
  });
});
