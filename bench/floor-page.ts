// Lighthouse refuses to audit a document answered with 404, so its floor is the same prerendered
// 404 page served with status 200 from a small local proxy: the HTML is fetched once from the
// console, every other request (scripts, styles) is passed through to the console. What it
// scores is the framework and the root layout with no page of the application.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FloorPage = { url: string; close(): Promise<void> };

export async function serveFloorPage(consoleOrigin: string, notFoundPath: string, cookie: string): Promise<FloorPage> {
  const html = await (await fetch(`${consoleOrigin}${notFoundPath}`, { headers: { cookie } })).text();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? "/";
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(html);
      return;
    }
    fetch(`${consoleOrigin}${path}`, { headers: { cookie, "accept-encoding": "identity" } })
      .then(async (upstream) => {
        const body = Buffer.from(await upstream.arrayBuffer());
        const headers: Record<string, string> = {};
        for (const name of ["content-type", "cache-control"]) {
          const value = upstream.headers.get(name);
          if (value) headers[name] = value;
        }
        response.writeHead(upstream.status, headers);
        response.end(body);
      })
      .catch(() => {
        response.writeHead(502);
        response.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
