// Puts the console server's page requests through the render gate (gate.ts). Next's standalone
// server owns its HTTP server and offers no hook around a request, so the gate wraps the server's
// own 'request' listener: Node publishes every request on the `http.server.request.start`
// diagnostics channel, with its server, synchronously before it emits 'request'; on the first
// request of each server this subscriber swaps the listeners for gated ones, which that very
// request's emit already uses. Registered once per process from instrumentation.ts
// (lib/startup/page-render-gate.ts), as lib/auth/peer-address.ts is. An admitted request's handler
// runs with its place reachable (place.ts), for a render that waits on Flow Service to give it back.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import { createRenderGate, type RenderGate } from "./gate";
import { runHoldingPlace } from "./place";

/** How long a page request may wait for its turn before it is answered 503. */
export const MAX_WAIT_MS = 30_000;

const BUSY_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Busy</title><p>The console is busy. Reload the page in a few seconds.</p></html>`;

type GateHooks = { waited(waitedMs: number): void; refused(): void };

const shared = globalThis as unknown as { s3consoleRenderGate?: RenderGate };

/** The process's gate once installed (for its metrics), undefined before. */
export function installedRenderGate(): RenderGate | undefined {
  return shared.s3consoleRenderGate;
}

/**
 * A page render: a document or RSC payload asked for with GET or HEAD. Static files and route
 * handlers (/_next/, /api/: health and readiness probes among them) pass at once, as do server
 * actions (POST), which mostly wait on Flow Service and would hold a place while idle.
 */
export function isPageRender(request: IncomingMessage): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const url = request.url ?? "/";
  return !url.startsWith("/_next/") && !url.startsWith("/api/");
}

export function gatePageRenders(limit: number, hooks: GateHooks, maxWaitMs = MAX_WAIT_MS): void {
  if (shared.s3consoleRenderGate) return;
  const gate = (shared.s3consoleRenderGate = createRenderGate({ limit, maxWaitMs }));
  const gated = new WeakSet<Server>();
  subscribe("http.server.request.start", (message) => {
    const { server } = message as { server: Server };
    if (gated.has(server)) return;
    gated.add(server);
    for (const listener of server.listeners("request") as RequestListener[]) {
      server.removeListener("request", listener);
      server.on("request", (request: IncomingMessage, response: ServerResponse) => {
        if (!isPageRender(request)) return listener.call(server, request, response);
        const ticket = gate.enter(
          (waitedMs, ticket) => {
            hooks.waited(waitedMs);
            runHoldingPlace(response, ticket, () => listener.call(server, request, response));
          },
          () => {
            hooks.refused();
            answerBusy(response);
          },
        );
        // 'close' comes on a later tick, after the answer or a hang-up: registered after a
        // synchronous admission, it misses nothing. It frees the place, or leaves the line.
        response.once("close", ticket.done);
      });
    }
  });
}

function answerBusy(response: ServerResponse): void {
  response.writeHead(503, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Retry-After": "5",
    // Next's security headers are not on this answer: it never reaches Next. Nothing on it runs.
    "Content-Security-Policy": "default-src 'none'",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(BUSY_PAGE);
}
