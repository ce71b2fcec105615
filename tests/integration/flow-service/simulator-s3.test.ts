/** Test and explore: the simulator lists S3 with each connection's own credentials. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlowServiceClient, FlowServiceError } from "@/lib/flow-service";
import { startFlowServiceSimulator } from "@/simulators/flow-service";
import { allowOutbound } from "../support/outbound";
import { createFakeS3, startHarness, type Harness } from "./support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sim: { s3Endpoint: "http://127.0.0.1:4569" } });
});
afterAll(async () => {
  await h.close();
});

const good = () => ({ s3AccessKey: h.s3.account.accessKeyId, s3SecretKey: h.s3.account.secretAccessKey });

async function kindOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  return error instanceof FlowServiceError ? `${error.kind}:${error.status}` : "no error";
}

describe("test connection", () => {
  it("is true with working credentials, via the configured endpoint and folder", async () => {
    const { id } = await h.client.createConnection({ name: "t-ok", auth: { specName: "Access Key", params: { ...good(), bucketName: "acme-landing", folderPath: "/incoming/" } } });
    expect((await h.client.testConnection(id)).result).toBe(true);
    expect(h.s3.calls.at(-1)).toEqual({ bucket: "acme-landing", prefix: "incoming/", accessKeyId: h.s3.account.accessKeyId, endpoint: "http://127.0.0.1:4569" });
  });

  it("is false with a wrong secret, a missing bucket or no bucket at all", async () => {
    const wrong = await h.client.createConnection({ name: "t-wrong", auth: { specName: "Access Key", params: { ...good(), s3SecretKey: "nope", bucketName: "acme-landing" } } });
    const missing = await h.client.createConnection({ name: "t-missing", auth: { specName: "Access Key", params: { ...good(), bucketName: "no-such-bucket" } } });
    const bucketless = await h.client.createConnection({ name: "t-none", auth: { specName: "Access Key", params: good() } });
    for (const { id } of [wrong, missing, bucketless]) expect((await h.client.testConnection(id)).result).toBe(false);
  });

  it("is false for an IAM role connection when no AEP role credentials are configured", async () => {
    const { id } = await h.client.createConnection({ name: "t-iam", auth: { specName: "IAMRole Based", params: { bucketName: "acme-landing" } } });
    expect((await h.client.testConnection(id)).result).toBe(false);
    expect(await kindOf(h.client.explore(id, { objectType: "root" }))).toBe("validation:400");
  });

  it("uses the configured AEP role credentials for IAM role connections", async () => {
    const s3 = createFakeS3();
    const sim = await startFlowServiceSimulator({ s3: s3.adapter, aepRoleCredentials: s3.account });
    allowOutbound(sim.url);
    try {
      const client = createFlowServiceClient({ ...h.config, baseUrl: sim.url, imsUrl: sim.imsUrl });
      const { id } = await client.createConnection({ name: "iam", auth: { specName: "IAMRole Based", params: { bucketName: "acme-landing" } } });
      expect((await client.testConnection(id)).result).toBe(true);
      expect((await client.explore(id, { objectType: "root" })).items.length).toBeGreaterThan(0);
    } finally {
      await sim.close();
    }
  });
});

describe("explore", () => {
  let id = "";
  beforeAll(async () => {
    ({ id } = await h.client.createConnection({ name: "explorer", auth: { specName: "Access Key", params: { ...good(), bucketName: "acme-landing" } } }));
  });

  it("lists the bucket root: folders first, files with preview flags", async () => {
    const { items, requestId } = await h.client.explore(id, { objectType: "root" });
    expect(items).toEqual([
      { type: "folder", name: "incoming", path: "/acme-landing/incoming/", canPreview: false, canFetchSchema: false },
      { type: "folder", name: "exports", path: "/acme-landing/exports/", canPreview: false, canFetchSchema: false },
      { type: "file", name: "top.csv", path: "/acme-landing/top.csv", canPreview: true, canFetchSchema: true },
    ]);
    expect(requestId).not.toBe("");
  });

  it("lists a folder by the path explore returned", async () => {
    const { items } = await h.client.explore(id, { objectType: "folder", object: "/acme-landing/incoming/" });
    expect(items.map((i) => [i.type, i.name])).toEqual([["folder", "2024"], ["file", "readme.txt"]]);
    const deeper = await h.client.explore(id, { objectType: "folder", object: "/acme-landing/incoming/2024/" });
    expect(deeper.items.map((i) => i.name)).toEqual(["a.csv", "b.json"]);
  });

  it("refuses folders outside the connection's bucket or folder path", async () => {
    expect(await kindOf(h.client.explore(id, { objectType: "folder", object: "/other-bucket/" }))).toBe("validation:400");
    const restricted = await h.client.createConnection({ name: "restricted", auth: { specName: "Access Key", params: { ...good(), bucketName: "acme-landing", folderPath: "incoming" } } });
    expect(await kindOf(h.client.explore(restricted.id, { objectType: "folder", object: "/acme-landing/exports/" }))).toBe("validation:400");
    expect((await h.client.explore(restricted.id, { objectType: "root" })).items.map((i) => i.name)).toEqual(["2024", "readme.txt"]);
  });

  it("maps S3 failures: bad credentials 400, missing bucket 404", async () => {
    const wrong = await h.client.createConnection({ name: "x-wrong", auth: { specName: "Access Key", params: { ...good(), s3SecretKey: "nope", bucketName: "acme-landing" } } });
    expect(await kindOf(h.client.explore(wrong.id, { objectType: "root" }))).toBe("validation:400");
    const missing = await h.client.createConnection({ name: "x-missing", auth: { specName: "Access Key", params: { ...good(), bucketName: "gone-bucket" } } });
    expect(await kindOf(h.client.explore(missing.id, { objectType: "root" }))).toBe("not_found:404");
  });
});
