// A load balancer for trying several console instances on one machine (`npm start -- --instances 2`):
// each request goes to the next instance in turn, with X-Forwarded-For appended as a real proxy
// does. Only for the local stack: in production, the team's own proxy or load balancer does this.
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RoundRobinProxy = { url: string; served: Map<string, number>; close(): Promise<void> };

export async function startRoundRobinProxy(options: { port: number; host: string; targets: string[] }): Promise<RoundRobinProxy> {
  let next = 0;
  const served = new Map(options.targets.map((target) => [target, 0]));
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(options.targets[next++ % options.targets.length]!);
    served.set(target.origin, (served.get(target.origin) ?? 0) + 1);
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].flat().filter(Boolean).join(", ");
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, "x-forwarded-for": forwardedFor } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("This console instance is not answering; try again.");
    });
    req.pipe(upstream);
  };
  const server = createServer(forward);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
