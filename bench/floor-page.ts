// Lighthouse refuses to audit a document answered with 404, so its floor is the same prerendered
// 404 page served with status 200 from a small local proxy. Everything else passes through as the
// console sends it: the document keeps the console's response headers and every script and style
// keeps its status, headers and encoding. What it scores is the framework, the root layout and the
// headers every page of the console carries, with no page of the application.
//
// The headers matter: served without them, the floor's blocking time was lower than a page's for a
// reason no page can change. `Cross-Origin-Opener-Policy: same-origin` alone added about 170 ms of
// simulated blocking time to the same HTML (bench/HISTORY.md, the runs of 06:16).
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FloorPage = { url: string; close(): Promise<void> };

/** Hop-by-hop headers (RFC 9110, 7.6.1) stay between the two connections they describe. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

export async function serveFloorPage(consoleOrigin: string, notFoundPath: string, cookie: string): Promise<FloorPage> {
  const upstream = new URL(consoleOrigin);
  const pass = (incoming: IncomingMessage, response: ServerResponse, path: string, status?: number) => {
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: "GET", path, headers: { ...endToEnd(incoming.headers), host: upstream.host, cookie } },
      (answer) => {
        response.writeHead(status ?? answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(response);
      },
    );
    forward.on("error", () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    forward.end();
  };
  const server: Server = createServer((incoming, response) => {
    const path = incoming.url ?? "/";
    // The 404 page as the console serves it, with 200 in place of its status.
    if (path === "/") pass(incoming, response, notFoundPath, 200);
    else pass(incoming, response, path);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
