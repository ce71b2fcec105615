// #6's floor must load as the console's pages load: the 404 document with the console's own
// response headers (its security headers change how much work the browser does) and every script
// passed through as sent, compressed or not. Only the document's status differs.
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFloorPage, type FloorPage } from "../../../bench/floor-page";

const NOT_FOUND = "/_no_such_page";
const DOCUMENT = "<!DOCTYPE html><html><body>not found</body></html>";
const SCRIPT = "console.log('framework');".repeat(20);
const seen: { path: string; cookie?: string; encoding?: string }[] = [];

let upstream: Server;
let floor: FloorPage;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    seen.push({ path: request.url ?? "", cookie: request.headers.cookie, encoding: request.headers["accept-encoding"] });
    if (request.url === NOT_FOUND) {
      response.writeHead(404, { "content-type": "text/html; charset=utf-8", "cross-origin-opener-policy": "same-origin", "content-security-policy": "default-src 'self'" });
      response.end(DOCUMENT);
    } else if (request.url === "/_next/static/chunks/app.js") {
      response.writeHead(200, { "content-type": "application/javascript", "content-encoding": "gzip", "cache-control": "public, max-age=31536000, immutable" });
      response.end(gzipSync(SCRIPT));
    } else {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("missing");
    }
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  floor = await serveFloorPage(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, NOT_FOUND, "session=abc");
});

afterAll(async () => {
  await floor.close();
  await new Promise((resolve) => upstream.close(resolve));
});

describe("serveFloorPage", () => {
  it("answers the 404 document with status 200 and the console's own headers", async () => {
    const response = await fetch(floor.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(DOCUMENT);
    expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'self'");
    expect(seen.at(-1)).toMatchObject({ path: NOT_FOUND, cookie: "session=abc" });
  });

  it("passes a script through with its encoding, headers and the browser's accept-encoding", async () => {
    const url = new URL("/_next/static/chunks/app.js", floor.url);
    const raw = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      // node:http rather than fetch, which would decompress the body and hide its encoding.
      get(url, { headers: { "accept-encoding": "gzip" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    expect(raw.status).toBe(200);
    expect(raw.headers["content-encoding"]).toBe("gzip");
    expect(raw.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(gunzipSync(raw.body).toString()).toBe(SCRIPT);
    expect(seen.at(-1)).toMatchObject({ path: "/_next/static/chunks/app.js", encoding: "gzip" });
  });

  it("keeps the status of anything else", async () => {
    const response = await fetch(new URL("/favicon.ico", floor.url));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("missing");
  });
});
