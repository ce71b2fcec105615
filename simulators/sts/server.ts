/**
 * startStsSimulator: a strict local AWS STS on node:http.
 *
 * It speaks STS's Query API (form-encoded POST, or GET with the same
 * parameters in the query string) and answers with STS's XML, so the real
 * AWS SDK talks to it unchanged. Every request must be SigV4-signed by a
 * configured caller; that is what lets tests prove the console signs with its
 * own credentials and that a wrong secret really fails.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { assumeRole, assumeRoleResultXml, getCallerIdentityResultXml } from "./actions";
import { verifyStsSignature, type StsHttpRequest } from "./signature";
import type { IssuedCredentials, StsCaller, StsRole, StsSimulator, StsSimulatorOptions } from "./types";
import { StsError, stsErrors, successXml } from "./xml";

const API_VERSION = "2011-06-15";
/** STS requests are small; anything bigger is not a client we simulate. */
const MAX_BODY_BYTES = 64 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function toStsRequest(req: IncomingMessage, body: Buffer): StsHttpRequest {
  const url = new URL(req.url ?? "/", "http://sts.local");
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const rawPath = (req.url ?? "/").split("?")[0] || "/";
  return { method: req.method ?? "GET", rawPath, query, headers, body };
}

/** Query parameters first, then form fields, as STS reads both. */
function actionParams(req: StsHttpRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query)) params[key] = Array.isArray(value) ? value[0]! : value;
  if (req.method === "POST" && (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    for (const [key, value] of new URLSearchParams(req.body.toString("utf8"))) params[key] = value;
  }
  return params;
}

function send(res: ServerResponse, status: number, xml: string, requestId: string): void {
  res.writeHead(status, {
    "content-type": "text/xml",
    "x-amzn-requestid": requestId,
    "content-length": Buffer.byteLength(xml),
  });
  res.end(xml);
}

export async function startStsSimulator(options: StsSimulatorOptions): Promise<StsSimulator> {
  const host = options.host ?? "127.0.0.1";
  const now = options.now ?? (() => new Date());
  const credentialsNow = options.clock ? () => new Date(options.clock!.now()) : now;
  const lifetime = options.credentialLifetimeSeconds;
  if (lifetime !== undefined && (!Number.isInteger(lifetime) || lifetime < 1)) throw new Error("credentialLifetimeSeconds must be a positive integer");
  const maxSkewMs = options.maxClockSkewMs ?? 5 * 60 * 1000;
  const callers = new Map<string, StsCaller>(Object.entries(options.callers));
  const roles = new Map<string, StsRole>(Object.entries(options.roles));
  const issued: IssuedCredentials[] = [];

  async function handle(req: IncomingMessage): Promise<{ status: number; xml: string; requestId: string }> {
    if (req.method !== "POST" && req.method !== "GET") {
      throw new StsError("InvalidHttpRequest", 405, "STS accepts GET and POST requests only.");
    }
    const request = toStsRequest(req, await readBody(req));
    const { caller } = await verifyStsSignature(request, callers, { now: now(), credentialsNow: credentialsNow() }, maxSkewMs);
    const params = actionParams(request);
    const action = params.Action;
    if (!action) throw stsErrors.missingAction();
    const version = params.Version ?? "";
    if (version !== API_VERSION || (action !== "AssumeRole" && action !== "GetCallerIdentity")) {
      throw stsErrors.invalidAction(action, version);
    }
    const requestId = randomUUID();
    if (action === "GetCallerIdentity") {
      return { status: 200, xml: successXml(action, getCallerIdentityResultXml(caller), requestId), requestId };
    }
    const credentials = assumeRole(params, caller, roles, credentialsNow(), options.credentialLifetimeSeconds);
    // Register elsewhere before answering, so the keys work the moment the client has them.
    if (options.onIssue) {
      try {
        await options.onIssue({ ...credentials });
      } catch {
        throw stsErrors.internal();
      }
    }
    issued.push(credentials);
    return { status: 200, xml: successXml(action, assumeRoleResultXml(credentials), requestId), requestId };
  }

  const server = createServer((req, res) => {
    handle(req).then(
      ({ status, xml, requestId }) => send(res, status, xml, requestId),
      (error: unknown) => {
        const requestId = randomUUID();
        if (error instanceof BodyTooLarge) {
          send(res, 413, new StsError("RequestEntityTooLarge", 413, "The request body is too large.").toXml(requestId), requestId);
          return;
        }
        const stsError = error instanceof StsError ? error : stsErrors.internal();
        send(res, stsError.status, stsError.toXml(requestId), requestId);
      },
    );
  });
  // Keep-alive sockets from SDK clients must not keep close() waiting.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    endpoint: `http://${urlHost}:${port}`,
    issued: () => issued.map((c) => ({ ...c })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
