// A real HTTP receiver on loopback for webhook tests: records every request (headers and raw
// body) and answers as the test says, per request: a status, a delay, or nothing at all.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { allowOutbound } from "./outbound";

export type Received = { path: string; headers: IncomingHttpHeaders; body: string; at: number };
/** What to do with the n-th request (0-based): answer `status` after `delayMs`, or hang until closed. */
export type Answer = { status: number; delayMs?: number; headers?: Record<string, string> } | "hang";
export type Behaviour = (request: Received, index: number) => Answer;

export type Receiver = {
  url: string;
  port: number;
  received: Received[];
  /** Requests whose answer is still being held back. */
  pending(): number;
  answer(behaviour: Behaviour): void;
  close(): Promise<void>;
};

/** Starts listening on `port` (0: any free port). */
export async function startReceiver(behaviour: Behaviour = () => ({ status: 204 }), port = 0): Promise<Receiver> {
  const received: Received[] = [];
  let current = behaviour;
  let pending = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: Received = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      received.push(request);
      const answer = current(request, received.length - 1);
      if (answer === "hang") {
        pending += 1;
        res.on("close", () => (pending -= 1));
        return;
      }
      pending += 1;
      setTimeout(() => {
        pending -= 1;
        if (res.destroyed) return;
        res.writeHead(answer.status, answer.headers);
        res.end("receiver body the console must never read");
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  // A receiver on this machine is reachable only once allowed, as an administrator would allow it.
  allowOutbound(`http://127.0.0.1:${actual}`);
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    received,
    pending: () => pending,
    answer: (next) => void (current = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
