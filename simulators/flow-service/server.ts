/**
 * The Flow Service simulator: a plain node:http server hosting
 *   - Flow Service under /data/foundation/flowservice (gateway checks, connections, specs),
 *   - an IMS token endpoint at /ims/token/v3,
 *   - a loopback-only control API under /__sim for tests.
 * Responses are always JSON (or empty); unexpected exceptions become a generic 500 body,
 * never a stack trace.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { CONTROL_PREFIX, handleControl, isLoopback } from "./control";
import { defaultFaultBody, FaultRegistry } from "./faults";
import { checkContentType, checkGateway } from "./gateway";
import type { SimState } from "./handlers";
import { parseJsonBody, readBody, writeResponse } from "./http-io";
import { IMS_TOKEN_PATH, TokenIssuer } from "./ims";
import type { SimLatency } from "./latency";
import { RequestLog } from "./request-log";
import { json, problems } from "./responses";
import { hasBody, route } from "./router";
import type { SimResponse } from "./types";
import type { SimCore } from "./core";

export const BASE_PATH = "/data/foundation/flowservice";

export interface ServerParts {
  core: SimCore;
  state: SimState;
  tokens: TokenIssuer;
  faults: FaultRegistry;
  latency: SimLatency;
  log: RequestLog;
  config: { clientId: string; orgId: string; sandboxes: readonly string[] };
}

function sanitizeRequestId(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw && /^[\w.:-]{1,128}$/.test(raw) ? raw : randomUUID();
}

export function createSimulatorServer(parts: ServerParts) {
  const hanging = new Set<ServerResponse>();

  async function flowService(req: IncomingMessage, method: string, subPath: string, query: URLSearchParams): Promise<SimResponse | "aborted"> {
    const gate = checkGateway(req.headers, parts.tokens, parts.config);
    if (!gate.ok) return gate.response;
    const matched = route(method, subPath);
    if (!matched.ok) return matched.response;
    let body: unknown;
    if (hasBody(method)) {
      const contentType = checkContentType(method, req.headers);
      if (contentType) return contentType;
      const read = await readBody(req);
      if (!read.ok) return read.reason === "too-large" ? problems.tooLarge(1024 * 1024) : "aborted";
      const parsed = parseJsonBody(read.text);
      if (!parsed.ok) return parsed.reason === "malformed" ? problems.malformedJson() : problems.forbiddenKey();
      body = parsed.value;
    }
    return matched.handler(parts.state, { sandbox: gate.sandbox, clientId: gate.clientId, query, body, headers: req.headers, id: matched.id });
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    // Split by hand: new URL() would treat "//host/x" as a different host.
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const search = queryAt === -1 ? "" : rawUrl.slice(queryAt + 1);
    const requestId = sanitizeRequestId(req.headers["x-request-id"]);
    let faultKind: string | undefined;
    res.on("close", () => {
      parts.log.add({
        at: started,
        method,
        path,
        query: search,
        status: res.headersSent ? res.statusCode : 0,
        requestId,
        durationMs: Date.now() - started,
        ...(faultKind ? { fault: faultKind } : {}),
      });
    });

    try {
      if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
        if (!isLoopback(req.socket.remoteAddress)) return writeResponse(res, json(403, { error: "control API is loopback-only" }), requestId);
        const read = await readBody(req);
        const text = read.ok ? read.text : "";
        return writeResponse(res, await handleControl(method, path.slice(CONTROL_PREFIX.length), text, parts.core), requestId);
      }

      // The network's share of a real call (FLOW_SIM_LATENCY), before the service does anything.
      const delay = parts.latency.next();
      if (delay > 0) await sleep(delay);

      let dropAfterCommit = false;
      const fault = parts.faults.take(method, path, BASE_PATH);
      if (fault) {
        faultKind = fault.kind;
        if (fault.kind === "status") {
          const status = fault.status ?? 503;
          const headers = fault.retryAfterSeconds === undefined ? undefined : { "Retry-After": String(fault.retryAfterSeconds) };
          return writeResponse(res, { status, body: fault.body ?? defaultFaultBody(status), headers }, requestId);
        }
        if (fault.kind === "drop") return void req.socket.destroy();
        if (fault.kind === "hang") {
          hanging.add(res);
          res.on("close", () => hanging.delete(res));
          return;
        }
        if (fault.kind === "latency") await sleep(fault.latencyMs ?? 1_000);
        dropAfterCommit = fault.kind === "drop-after-commit";
      }

      let response: SimResponse | "aborted";
      if (path === IMS_TOKEN_PATH) {
        if (method !== "POST") response = problems.method();
        else {
          const read = await readBody(req);
          response = read.ok ? parts.tokens.handle(req.headers["content-type"], read.text) : read.reason === "too-large" ? problems.tooLarge(1024 * 1024) : "aborted";
        }
      } else if (path === BASE_PATH || path.startsWith(`${BASE_PATH}/`)) {
        response = await flowService(req, method, path.slice(BASE_PATH.length) || "/", new URLSearchParams(search));
      } else {
        response = problems.route();
      }

      if (response === "aborted") return void req.socket.destroy();
      // The handler has committed its effects; the client never learns the outcome.
      if (dropAfterCommit) return void req.socket.destroy();
      writeResponse(res, response, requestId);
    } catch {
      writeResponse(res, problems.internal(), requestId);
    }
  }

  const server = createServer((req, res) => {
    void dispatch(req, res);
  });

  return {
    server,
    async listen(port: number, host: string): Promise<AddressInfo> {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      return server.address() as AddressInfo;
    },
    async close(): Promise<void> {
      for (const res of hanging) res.socket?.destroy();
      hanging.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
