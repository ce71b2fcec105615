/**
 * Raw HTTP checks of the simulator's gateway and input handling: the exact documented error
 * bodies, and that bad input always gets a JSON 4xx (never a 500 or a stack trace).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFlowServiceSimulator, type FlowServiceSimulator } from "@/simulators/flow-service";
import { createFakeS3, rawRequest } from "./support/harness";

let sim: FlowServiceSimulator;
let clock = Date.now();
beforeAll(async () => {
  sim = await startFlowServiceSimulator({ s3: createFakeS3().adapter, tokenTtlSeconds: 60, now: () => clock });
});
afterAll(async () => {
  await sim.close();
});

const JSON_CT = { "Content-Type": "application/json" };
const validCreate = JSON.stringify({
  name: "gw",
  auth: { specName: "IAMRole Based", params: { bucketName: "acme-landing" } },
  connectionSpec: { id: "ecadc60c-7455-4d87-84dc-2a0e293d997b", version: "1.0" },
});

describe("gateway headers (troubleshooting guide bodies)", () => {
  it.each([
    ["no Authorization", { Authorization: undefined }, 403, { error_code: "403010", message: "Oauth token is missing." }],
    ["a bad token", { Authorization: "Bearer nope" }, 401, { error_code: "401013", message: "Oauth token is not valid" }],
    ["a non-Bearer scheme", { Authorization: "Basic abc" }, 401, { error_code: "401013", message: "Oauth token is not valid" }],
    ["no x-api-key", { "x-api-key": undefined }, 403, { error_code: "403000", message: "Api Key is required" }],
    ["a wrong x-api-key", { "x-api-key": "someone-else" }, 403, { error_code: "403003", message: "Api Key is invalid" }],
    ["no org header", { "x-gw-ims-org-id": undefined }, 400, { error_code: "400003", message: "Missing header" }],
    ["a wrong org", { "x-gw-ims-org-id": "OTHER@AdobeOrg" }, 403, { error_code: "403025", message: "Profile is not valid" }],
  ] as const)("answers %s with the documented body", async (_label, headers, status, body) => {
    const response = await rawRequest(sim, "GET", "/connections", { headers });
    expect(response.status).toBe(status);
    expect(response.body).toEqual(body);
  });

  it("rejects an unknown sandbox and defaults a missing one to prod", async () => {
    const unknown = await rawRequest(sim, "GET", "/connections", { headers: { "x-sandbox-name": "nope" } });
    expect(unknown.status).toBe(403);
    expect(unknown.body).toMatchObject({ error_code: "403027" });
    expect((await rawRequest(sim, "GET", "/connections", { headers: { "x-sandbox-name": undefined } })).status).toBe(200);
  });

  it("expires tokens after their lifetime", async () => {
    const token = sim.issueToken();
    clock += 61_000;
    const response = await rawRequest(sim, "GET", "/connections", { headers: { Authorization: `Bearer ${token}` } });
    expect(response.body).toEqual({ error_code: "401013", message: "Oauth token is not valid" });
  });

  it("echoes x-request-id", async () => {
    const response = await rawRequest(sim, "GET", "/connections", { headers: { "x-request-id": "trace-123" } });
    expect(response.headers.get("x-request-id")).toBe("trace-123");
  });
});

describe("bodies", () => {
  const contentTypeError = { type: "/placeholder/type/uri", status: 400, title: "BadRequestError", detail: "A valid content-type must be specified" };

  it.each([undefined, "text/plain", "application/x-www-form-urlencoded"])("requires JSON content type on POST (%s)", async (contentType) => {
    const response = await rawRequest(sim, "POST", "/connections", { headers: { "Content-Type": contentType }, body: validCreate });
    expect(response).toMatchObject({ status: 400, body: contentTypeError });
  });

  it("requires JSON content type on PATCH", async () => {
    const response = await rawRequest(sim, "PATCH", "/connections/x", { headers: { "If-Match": '"x"' }, body: "[]" });
    expect(response.body).toEqual(contentTypeError);
  });

  it("answers malformed JSON with 400", async () => {
    const response = await rawRequest(sim, "POST", "/connections", { headers: JSON_CT, body: '{"name": ' });
    expect(response).toMatchObject({ status: 400, body: { title: "BadRequestError" } });
  });

  it("answers a body over 1 MB with 413", async () => {
    const response = await rawRequest(sim, "POST", "/connections", { headers: JSON_CT, body: JSON.stringify({ name: "x".repeat(1_100_000) }) });
    expect(response).toMatchObject({ status: 413, body: { status: 413 } });
  });

  it("rejects prototype-pollution keys and stays unpolluted", async () => {
    const body = validCreate.replace('"name":"gw"', '"name":"gw","__proto__":{"polluted":true}');
    const response = await rawRequest(sim, "POST", "/connections", { headers: JSON_CT, body });
    expect(response.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never answers 500 to arbitrary create or patch bodies", async () => {
    const created = await rawRequest(sim, "POST", "/connections", { headers: JSON_CT, body: validCreate });
    const id = (created.body as { id: string }).id;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const body = JSON.stringify(value);
        const post = await rawRequest(sim, "POST", "/connections", { headers: JSON_CT, body });
        const current = sim.rawConnection(id)?.etag ?? "";
        const patch = await rawRequest(sim, "PATCH", `/connections/${id}`, { headers: { ...JSON_CT, "If-Match": current }, body });
        return [201, 400].includes(post.status) && [200, 400].includes(patch.status) && typeof post.body === "object";
      }),
      { numRuns: 60 },
    );
  });
});

describe("resources and methods", () => {
  it("answers unknown ids, routes and methods with JSON 404/405", async () => {
    const missing = await rawRequest(sim, "GET", "/connections/does-not-exist");
    expect(missing).toMatchObject({ status: 404, body: { status: 404, title: "NotFoundError" } });
    // Target connections are not simulated (the console never reads them).
    expect((await rawRequest(sim, "GET", "/targetConnections")).status).toBe(404);
    expect((await rawRequest(sim, "PUT", "/connections/x", { headers: JSON_CT, body: "{}" })).status).toBe(405);
    expect((await rawRequest(sim, "GET", "/connections/%E0%A4%A")).status).toBe(400);
    expect((await rawRequest(sim, "GET", "/connectionSpecs/not-s3")).status).toBe(404);
  });

  it("requires If-Match on PATCH (400) and refuses a stale one (412)", async () => {
    const created = await rawRequest(sim, "POST", "/connections", { headers: JSON_CT, body: validCreate });
    const { id, etag } = created.body as { id: string; etag: string };
    const ops = JSON.stringify([{ op: "replace", path: "/description", value: "d" }]);
    expect((await rawRequest(sim, "PATCH", `/connections/${id}`, { headers: JSON_CT, body: ops })).status).toBe(400);
    const stale = await rawRequest(sim, "PATCH", `/connections/${id}`, { headers: { ...JSON_CT, "If-Match": '"stale"' }, body: ops });
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual({ errorMessage: `Supplied version=["stale"] does not match the current version on entity=[${etag}]` });
  });

  it("deletes through the OpenAPI file's trailing-slash path", async () => {
    const created = await rawRequest(sim, "POST", "/connections", { headers: JSON_CT, body: validCreate });
    const { id } = created.body as { id: string };
    const deleted = await rawRequest(sim, "DELETE", `/connections/${id}/`);
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
  });

  it("validates the IAM configs query", async () => {
    expect((await rawRequest(sim, "GET", "/connectionSpecs/ecadc60c-7455-4d87-84dc-2a0e293d997b/configs")).status).toBe(400);
  });
});

describe("IMS token endpoint", () => {
  const post = (form: Record<string, string>, contentType = "application/x-www-form-urlencoded") =>
    fetch(sim.imsUrl, { method: "POST", headers: { "Content-Type": contentType }, body: new URLSearchParams(form).toString() }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  const good = { grant_type: "client_credentials", client_id: "console-local", client_secret: "local-secret-change-me", scope: "openid,AdobeID" };

  it("issues bearer tokens with their lifetime", async () => {
    const response = await post(good);
    expect(response).toMatchObject({ status: 200, body: { token_type: "bearer", expires_in: 60 } });
    expect(typeof response.body.access_token).toBe("string");
  });

  it("rejects bad grants and credentials like IMS", async () => {
    expect(await post({ ...good, client_secret: "wrong" })).toEqual({ status: 401, body: { error: "invalid_client", error_description: "invalid client_secret parameter" } });
    expect((await post({ ...good, client_id: "other" })).body.error).toBe("invalid_client");
    expect((await post({ ...good, grant_type: "password" })).body.error).toBe("unsupported_grant_type");
    expect((await post(good, "application/json")).status).toBe(400);
  });
});
