/** Reading request bodies safely and writing SimResponses. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimResponse } from "./types";

export const MAX_BODY_BYTES = 1024 * 1024;
/** Beyond this we stop draining an oversized body and close the connection. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too-large" | "aborted" };

/**
 * Read the whole body up to `limit` bytes. An oversized body is drained (up to a bound) so the
 * client can read our 413 instead of seeing a reset connection.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        if (size > MAX_DRAIN_BYTES) {
          req.destroy();
          resolve({ ok: false, reason: "too-large" });
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? { ok: false, reason: "too-large" } : { ok: true, text: Buffer.concat(chunks).toString("utf8") }));
    req.on("error", () => resolve({ ok: false, reason: "aborted" }));
    req.on("close", () => {
      if (!req.complete) resolve({ ok: false, reason: "aborted" });
    });
  });
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * JSON.parse plus a check that no object key could pollute prototypes when the value is later
 * copied with Object.assign or similar. Such bodies are rejected outright.
 */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; reason: "malformed" | "forbidden-key" } {
  if (text.trim() === "") return { ok: false, reason: "malformed" };
  let forbidden = false;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden = true;
      return v;
    });
  } catch {
    return { ok: false, reason: "malformed" };
  }
  return forbidden ? { ok: false, reason: "forbidden-key" } : { ok: true, value };
}

export function writeResponse(res: ServerResponse, response: SimResponse, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { "x-request-id": requestId, ...response.headers };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, {
    ...headers,
    "Content-Type": "application/json;charset=utf-8",
    "Content-Length": String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}
