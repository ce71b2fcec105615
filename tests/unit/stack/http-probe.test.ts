// The start script's probe of a server that is starting: a status when one answers, undefined when
// nothing listens or nothing answers in time, and never a wait past its deadline.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/free-port";
import { probeStatus } from "@/scripts/http-probe";

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ready` };
}

describe("probeStatus", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it("gives the status of a server that answers", async () => {
    const served = await serve((_request, response) => response.writeHead(503).end("not ready"));
    server = served.server;
    expect(await probeStatus(served.url, 2_000)).toBe(503);
  });

  it("gives undefined when nothing listens", async () => {
    expect(await probeStatus(`http://127.0.0.1:${await freePort()}/api/ready`, 2_000)).toBeUndefined();
  });

  it("gives undefined at its deadline when the server holds the request without answering", async () => {
    let held = 0;
    const served = await serve(() => void held++);
    server = served.server;
    const started = performance.now();
    expect(await probeStatus(served.url, 300)).toBeUndefined();
    expect(held).toBe(1);
    // Given up near its deadline, not at the end of some longer wait.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
