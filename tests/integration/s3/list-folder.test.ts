import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFolder, type ListFolderTarget } from "@/lib/s3";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_BUCKET,
  DEMO_EU_BUCKET,
  DEMO_EU_REGION,
  DEMO_FOLDER,
  DEMO_RESTRICTED_ACCESS_KEY_ID,
  DEMO_RESTRICTED_SECRET_ACCESS_KEY,
  DEMO_SECRET_ACCESS_KEY,
  demoS3ServerOptions,
  startS3TestServer,
  type S3TestServer,
} from "@/simulators/s3";
import { allowOutbound } from "../support/outbound";

let server: S3TestServer;

beforeAll(async () => {
  server = await startS3TestServer(demoS3ServerOptions({ port: 0 }));
  allowOutbound(server.endpoint, await server.endpointFor(DEMO_EU_REGION));
  // A zero-byte "folder marker", as the S3 console creates: not a file.
  server.putObject(DEMO_BUCKET, { key: `${DEMO_FOLDER}/`, body: "" });
});
afterAll(async () => {
  await server?.close();
});

const target = (overrides: Partial<ListFolderTarget> = {}): ListFolderTarget => ({
  bucket: DEMO_BUCKET,
  prefix: DEMO_FOLDER,
  endpoint: server.endpoint,
  credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY },
  ...overrides,
});

describe("listFolder against the S3 test server", () => {
  it("splits a folder into sub-folders and files with sizes", async () => {
    const result = await listFolder(target());
    expect(result).toEqual({
      ok: true,
      folders: [`${DEMO_FOLDER}/daily/`],
      files: [
        { key: `${DEMO_FOLDER}/customers.csv`, size: expect.any(Number) },
        { key: `${DEMO_FOLDER}/events.json`, size: expect.any(Number) },
        { key: `${DEMO_FOLDER}/orders.csv`, size: expect.any(Number) },
      ],
    });
    if (result.ok) {
      const stored = server.getObject(DEMO_BUCKET, `${DEMO_FOLDER}/orders.csv`);
      expect(result.files.find((f) => f.key.endsWith("orders.csv"))?.size).toBe(stored?.body.length);
    }
  });

  it("normalizes the prefix and lists the root", async () => {
    expect(await listFolder(target({ prefix: `/${DEMO_FOLDER}//` }))).toEqual(await listFolder(target()));
    const root = await listFolder(target({ prefix: "" }));
    expect(root).toMatchObject({ ok: true, folders: ["archive/", "exports/"], files: [] });
  });

  it("honours maxKeys", async () => {
    const result = await listFolder(target(), { maxKeys: 2 });
    expect(result.ok && result.folders.length + result.files.length).toBe(2);
  });

  it("uses the region it is given", async () => {
    const result = await listFolder(
      target({ bucket: DEMO_EU_BUCKET, prefix: "exports", region: DEMO_EU_REGION, endpoint: await server.endpointFor(DEMO_EU_REGION) }),
    );
    expect(result).toMatchObject({ ok: true, files: [{ key: "exports/customers-eu.csv" }] });
  });

  it("returns coded, explained errors", async () => {
    const denied = await listFolder(
      target({ prefix: "archive", credentials: { accessKeyId: DEMO_RESTRICTED_ACCESS_KEY_ID, secretAccessKey: DEMO_RESTRICTED_SECRET_ACCESS_KEY } }),
    );
    expect(denied).toMatchObject({ ok: false, error: { code: "AccessDenied" } });
    if (!denied.ok) expect(denied.error.message).toMatch(/ListObjectsV2 on folder `archive\/`.*s3:ListBucket/);

    const badSecret = await listFolder(target({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: "wrong-secret-value" } }));
    expect(badSecret).toMatchObject({ ok: false, error: { code: "SignatureDoesNotMatch" } });
    expect(JSON.stringify(badSecret)).not.toContain("wrong-secret-value");

    const wrongRegion = await listFolder(target({ bucket: DEMO_EU_BUCKET, prefix: "" }));
    expect(wrongRegion).toMatchObject({ ok: false, error: { code: "WrongRegion" } });
    if (!wrongRegion.ok) expect(wrongRegion.error.message).toContain("https://s3.eu-west-1.amazonaws.com");

    expect(await listFolder(target({ bucket: "missing-bucket" }))).toMatchObject({ ok: false, error: { code: "NoSuchBucket" } });
    expect(await listFolder(target({ prefix: "../x" }))).toMatchObject({ ok: false, error: { code: "InvalidInput" } });
    // Not allowed: refused before connecting. Allowed but closed: unreachable.
    expect(await listFolder(target({ endpoint: "http://127.0.0.1:1" }))).toMatchObject({ ok: false, error: { code: "AddressNotAllowed" } });
    allowOutbound("http://127.0.0.1:1");
    expect(await listFolder(target({ endpoint: "http://127.0.0.1:1" }))).toMatchObject({ ok: false, error: { code: "EndpointUnreachable" } });
  });
});
