/**
 * The requests of the source document's curl examples (000_f01eea08c42cea9d.txt), sent as
 * written except for the host, get the documented status and response shape.
 * Two defects of the document are reproduced on purpose:
 * - the first create body lacks the closing quote of "{S3_SESSION_TOKEN}" (invalid JSON);
 * - the PATCH example lacks the "\" after its If-Match line, so a shell would drop -d.
 * Each is sent both as printed and as evidently intended.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFlowServiceSimulator, type FlowServiceSimulator } from "@/simulators/flow-service";
import { createFakeS3 } from "./support/harness";

let sim: FlowServiceSimulator;
let headers: Record<string, string>;
const ETAG = /^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{12}"$/;
const SPEC_ID = "ecadc60c-7455-4d87-84dc-2a0e293d997b";

beforeAll(async () => {
  sim = await startFlowServiceSimulator({ s3: createFakeS3().adapter });
  // {ACCESS_TOKEN} comes from the token endpoint, as in Adobe's authentication guide.
  const token = await fetch(sim.imsUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: sim.clientId, client_secret: sim.clientSecret, scope: "openid,AdobeID" }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  headers = {
    Authorization: `Bearer ${token.access_token}`,
    "x-api-key": sim.clientId,
    "x-gw-ims-org-id": sim.orgId,
    "x-sandbox-name": "prod",
  };
});
afterAll(async () => {
  await sim.close();
});

const call = async (method: string, path: string, extra: Record<string, string> = {}, body?: string) => {
  const response = await fetch(`${sim.url}${path}`, { method, headers: { ...headers, ...extra }, body });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>) };
};

const accessKeyBodyAsPrinted = `{
        "name": "Amazon S3 base connection",
        "description": "Amazon S3 base connection with temporary session token",
        "auth": {
            "specName": "Access Key",
            "params": {
                "s3AccessKey": "{S3_ACCESS_KEY}",
                "s3SecretKey": "{S3_SECRET_KEY}",
                "s3SessionToken": "{S3_SESSION_TOKEN}
            }
        },
        "connectionSpec": {
            "id": "ecadc60c-7455-4d87-84dc-2a0e293d997b",
            "version": "1.0"
        }
    }`;

describe("source document curl examples", () => {
  let createdId = "";
  let createdEtag = "";

  it("POST /connections (Access Key, Azure): 201 {id, etag}", async () => {
    const intended = accessKeyBodyAsPrinted.replace('"{S3_SESSION_TOKEN}\n', '"{S3_SESSION_TOKEN}"\n');
    const response = await call("POST", "/connections", { "Content-Type": "application/json" }, intended);
    expect(response.status).toBe(201);
    expect(Object.keys(response.body ?? {}).sort()).toEqual(["etag", "id"]);
    expect(response.body?.etag).toMatch(ETAG);
    createdId = String(response.body?.id);
    createdEtag = String(response.body?.etag);
  });

  it("the same body exactly as printed is invalid JSON and gets 400", async () => {
    const response = await call("POST", "/connections", { "Content-Type": "application/json" }, accessKeyBodyAsPrinted);
    expect(response.status).toBe(400);
  });

  it("GET /connectionSpecs/{id}/configs?authType=IamBasedAuthentication: 200 {configParams: {IAMRole}}", async () => {
    // The example sends Content-Type on a GET; that is accepted.
    const response = await call("GET", `/connectionSpecs/${SPEC_ID}/configs?authType=IamBasedAuthentication`, { "Content-Type": "application/json" });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ configParams: { IAMRole: expect.stringMatching(/^arn:aws:iam::\d{12}:role\/.+/) } });
  });

  it("POST /connections (IAMRole Based, AWS): 201 {id, etag}", async () => {
    const body = JSON.stringify({
      name: "Amazon S3 base connection for Experience Platform on AWS",
      description: "Amazon S3 base connection for Experience Platform on AWS",
      auth: { specName: "IAMRole Based", params: { bucketName: "acme-landing" } },
      connectionSpec: { id: SPEC_ID, version: "1.0" },
    });
    const response = await call("POST", "/connections", { "Content-Type": "application/json" }, body);
    expect(response.status).toBe(201);
    expect(response.body?.etag).toMatch(ETAG);
  });

  it("PATCH /connections/{id} with If-Match rotates the session token: 200 {id, etag}", async () => {
    const body = JSON.stringify([{ op: "replace", path: "/auth/params/s3SessionToken", value: "{SESSION_TOKEN}" }]);
    const response = await call("PATCH", `/connections/${createdId}`, { "Content-Type": "application/json", "If-Match": createdEtag }, body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: createdId, etag: expect.stringMatching(ETAG) });
    expect(response.body?.etag).not.toBe(createdEtag);
    expect(sim.rawConnection(createdId)?.auth.params.s3SessionToken).toBe("{SESSION_TOKEN}");
  });

  it("the PATCH as a shell would run it (without -d) is refused, not half-applied", async () => {
    const current = sim.rawConnection(createdId)?.etag ?? "";
    const response = await call("PATCH", `/connections/${createdId}`, { "Content-Type": "application/json", "If-Match": current });
    expect(response.status).toBe(400);
    expect(sim.rawConnection(createdId)?.etag).toBe(current);
  });

  it("GET /connections/{id} shows the update without echoing secrets", async () => {
    const response = await call("GET", `/connections/${createdId}`);
    expect(response.status).toBe(200);
    const items = response.body?.items as Array<{ auth: { params: Record<string, string> } }>;
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items)).not.toContain("{S3_SECRET_KEY}");
    expect(JSON.stringify(items)).not.toContain("{SESSION_TOKEN}");
    expect(items[0]?.auth.params.s3SessionToken).toBe("********");
  });
});
