/** The OpenAPI checker must really reject wrong shapes, or the conformance tests prove nothing. */
import { describe, expect, it } from "vitest";
import { checkExchange, findOperation } from "./support/openapi";

const BASE = "http://127.0.0.1:1/data/foundation/flowservice";
const check = (method: string, path: string, status: number, body?: unknown) =>
  checkExchange({ method, url: `${BASE}${path}`, status, bodyText: body === undefined ? "" : JSON.stringify(body) });

describe("OpenAPI checker self-test", () => {
  it("resolves paths to the OpenAPI operations, literal paths first", () => {
    expect(findOperation("POST", "/connections/search")?.template).toBe("/connections/search");
    expect(findOperation("DELETE", "/connections/abc")?.template).toBe("/connections/{BASE_CONNECTION_ID}/");
    expect(findOperation("GET", "/connections/abc/test")?.template).toBe("/connections/{BASE_CONNECTION_ID}/test");
    expect(findOperation("PUT", "/connections/abc")).toBeUndefined();
  });

  it("accepts conforming bodies", () => {
    expect(check("POST", "/connections", 201, { id: "a", etag: '"e"' })).toEqual([]);
    expect(check("GET", "/connections/a/test", 200, { result: true })).toEqual([]);
    expect(check("DELETE", "/connections/a", 204)).toEqual([]);
  });

  it("rejects wrong types and missing members", () => {
    expect(check("GET", "/connections", 200, { items: "x" })).not.toEqual([]);
    expect(check("POST", "/connections", 201, { id: 5 })).not.toEqual([]);
    expect(check("GET", "/connections/a/explore", 200, [{ type: 1 }])).not.toEqual([]);
    expect(check("GET", "/connections/a", 200, { items: [{ connectionSpec: {} }] })).not.toEqual([]);
    // PATCH 200 has only an example in the file: its members and types are required.
    expect(check("PATCH", "/connections/a", 200, { id: "a" })).not.toEqual([]);
  });

  it("accepts undeclared error statuses only with a documented error body", () => {
    expect(check("GET", "/connections/a", 404, { type: "/placeholder/type/uri", status: 404, title: "NotFoundError", detail: "x" })).toEqual([]);
    expect(check("GET", "/connections/a", 404, { oops: true })).not.toEqual([]);
    expect(check("GET", "/connections", 418, { error_code: "1", message: "m" })).not.toEqual([]);
  });

  it("flags a body where the file declares none, unless it is a documented error", () => {
    expect(check("DELETE", "/connections/a", 204, { unexpected: true })).not.toEqual([]);
    expect(check("GET", "/connections", 403, { error_code: "403010", message: "Oauth token is missing." })).toEqual([]);
  });
});
