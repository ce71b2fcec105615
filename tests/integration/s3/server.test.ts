import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_BUCKET,
  DEMO_EU_BUCKET,
  DEMO_RESTRICTED_ACCESS_KEY_ID,
  DEMO_RESTRICTED_SECRET_ACCESS_KEY,
  DEMO_SECRET_ACCESS_KEY,
  demoS3ServerOptions,
  startS3TestServer,
  type S3TestServer,
} from "@/simulators/s3";
import { NodeSha256 } from "@/simulators/s3/sigv4";

let server: S3TestServer;
let client: S3Client;

beforeAll(async () => {
  server = await startS3TestServer(demoS3ServerOptions({ port: 0 }));
  client = sdk(DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY);
});
afterAll(async () => {
  client?.destroy();
  await server?.close();
});

function sdk(accessKeyId: string, secretAccessKey: string): S3Client {
  return new S3Client({ region: "us-east-1", endpoint: server.endpoint, forcePathStyle: true, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
}

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Signs a request with SigV4 the way the S3 SDK does, optionally with another secret. */
async function signed(method: string, path: string, query: Record<string, string>, body = "", secret = DEMO_SECRET_ACCESS_KEY) {
  const url = new URL(server.endpoint);
  const signer = new SignatureV4({ service: "s3", region: "us-east-1", sha256: NodeSha256, uriEscapePath: false, credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: secret } });
  const hash = new NodeSha256();
  hash.update(Buffer.from(body));
  const payloadHash = Buffer.from(await hash.digest()).toString("hex");
  return signer.sign({ method, protocol: "http:", hostname: url.hostname, port: Number(url.port), path, query, headers: { host: url.host, "x-amz-content-sha256": payloadHash }, body });
}

function send(req: { method: string; path: string; query?: Record<string, unknown>; headers: Record<string, string> }, body = ""): Promise<RawResponse> {
  const url = new URL(server.endpoint);
  const qs = new URLSearchParams(req.query as Record<string, string>).toString().replace(/\+/g, "%20");
  return new Promise((resolve, reject) => {
    const r = request({ host: url.hostname, port: url.port, method: req.method, path: qs ? `${req.path}?${qs}` : req.path, headers: req.headers }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    r.on("error", reject);
    r.end(body);
  });
}

describe("S3 test server: the signature check really rejects", () => {
  it("accepts an intact signed request", async () => {
    const res = await send(await signed("GET", `/${DEMO_BUCKET}`, { "list-type": "2", prefix: "exports/" }));
    expect(res.status).toBe(200);
    expect(res.body).toContain("<Key>exports/2026/customers.csv</Key>");
  });

  it("rejects a request signed with another secret", async () => {
    const res = await send(await signed("GET", `/${DEMO_BUCKET}`, { "list-type": "2" }, "", "some-other-secret"));
    expect(res.status).toBe(403);
    expect(res.body).toContain("<Code>SignatureDoesNotMatch</Code>");
  });

  it.each([
    ["query", (r: Awaited<ReturnType<typeof signed>>) => ({ ...r, query: { ...r.query, prefix: "archive/" } })],
    ["path", (r: Awaited<ReturnType<typeof signed>>) => ({ ...r, path: `/${DEMO_EU_BUCKET}` })],
    ["date", (r: Awaited<ReturnType<typeof signed>>) => ({ ...r, headers: { ...r.headers, "x-amz-date": r.headers["x-amz-date"]!.replace(/\dZ$/, (d) => (d[0] === "0" ? "1Z" : "0Z")) } })],
    ["signature", (r: Awaited<ReturnType<typeof signed>>) => ({ ...r, headers: { ...r.headers, authorization: r.headers.authorization!.replace(/.$/, (c) => (c === "0" ? "1" : "0")) } })],
  ])("rejects a request whose %s was tampered with", async (_what, tamper) => {
    const res = await send(tamper(await signed("GET", `/${DEMO_BUCKET}`, { "list-type": "2", prefix: "exports/" })));
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/<Code>(SignatureDoesNotMatch|PermanentRedirect)<\/Code>/);
  });

  it("rejects a body that does not match the signed payload hash", async () => {
    const req = await signed("PUT", `/${DEMO_BUCKET}/tamper.txt`, {}, "original");
    const res = await send(req, "tampered");
    expect(res.status).toBe(400);
    expect(res.body).toContain("<Code>XAmzContentSHA256Mismatch</Code>");
    expect(server.getObject(DEMO_BUCKET, "tamper.txt")).toBeUndefined();
  });

  it("verifies presigned URLs", async () => {
    const url = new URL(server.endpoint);
    const signer = new SignatureV4({ service: "s3", region: "us-east-1", sha256: NodeSha256, uriEscapePath: false, credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY } });
    const presigned = await signer.presign(
      { method: "GET", protocol: "http:", hostname: url.hostname, path: `/${DEMO_BUCKET}/exports/2026/orders.csv`, query: {}, headers: { host: url.host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } },
      { expiresIn: 60, unsignableHeaders: new Set(["x-amz-content-sha256"]), unhoistableHeaders: new Set(["x-amz-content-sha256"]) },
    );
    const ok = await send({ method: "GET", path: presigned.path, query: presigned.query, headers: { host: url.host } });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain("order_id");
    const tampered = await send({ method: "GET", path: `/${DEMO_BUCKET}/exports/2026/customers.csv`, query: presigned.query, headers: { host: url.host } });
    expect(tampered.status).toBe(403);
  });

  it("supports virtual-hosted addressing through a <bucket>.localhost Host header", async () => {
    const url = new URL(server.endpoint);
    const host = `${DEMO_BUCKET}.localhost:${url.port}`;
    const signer = new SignatureV4({ service: "s3", region: "us-east-1", sha256: NodeSha256, uriEscapePath: false, credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY } });
    const req = await signer.sign({
      method: "GET",
      protocol: "http:",
      hostname: `${DEMO_BUCKET}.localhost`,
      path: "/exports/2026/orders.csv",
      query: {},
      headers: { host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    });
    const res = await send(req);
    expect(res.status).toBe(200);
    expect(res.body).toContain("order_id");
  });

  it("answers HEAD errors without a body but with the bucket region", async () => {
    const req = await signed("HEAD", `/${DEMO_EU_BUCKET}`, {});
    const res = await send(req);
    expect(res.status).toBe(301);
    expect(res.body).toBe("");
    expect(res.headers["x-amz-bucket-region"]).toBe("eu-west-1");
  });

  it("rejects anonymous requests", async () => {
    const res = await send({ method: "GET", path: `/${DEMO_BUCKET}`, query: { "list-type": "2" }, headers: {} });
    expect(res.status).toBe(403);
    expect(res.body).toContain("<Code>AccessDenied</Code>");
  });
});

describe("S3 test server: operations through the real SDK", () => {
  it("round-trips objects with unusual keys and binary bodies", async () => {
    const key = "uploads/ünï cödé+&=?.bin";
    const body = new Uint8Array([0, 1, 2, 255, 254, 10, 13]);
    await client.send(new PutObjectCommand({ Bucket: DEMO_BUCKET, Key: key, Body: body, ContentType: "application/x-test" }));
    const got = await client.send(new GetObjectCommand({ Bucket: DEMO_BUCKET, Key: key }));
    expect(got.ContentType).toBe("application/x-test");
    expect([...(await got.Body!.transformToByteArray())]).toEqual([...body]);
    const range = await client.send(new GetObjectCommand({ Bucket: DEMO_BUCKET, Key: key, Range: "bytes=1-2" }));
    expect([...(await range.Body!.transformToByteArray())]).toEqual([1, 2]);
    expect(range.ContentRange).toBe("bytes 1-2/7");
    expect((await client.send(new HeadObjectCommand({ Bucket: DEMO_BUCKET, Key: key }))).ContentLength).toBe(7);
  });

  it("pages ListObjectsV2 with continuation tokens", async () => {
    for (let i = 0; i < 7; i += 1) server.putObject(DEMO_BUCKET, { key: `paged/item-${i}.json`, body: "{}" });
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client, pageSize: 3 }, { Bucket: DEMO_BUCKET, Prefix: "paged/" })) {
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    }
    expect(keys).toEqual(Array.from({ length: 7 }, (_, i) => `paged/item-${i}.json`));
  });

  it("lists only the buckets an account has rules on, and their location", async () => {
    const all = await client.send(new ListBucketsCommand({}));
    expect(all.Buckets?.map((b) => b.Name)).toEqual([DEMO_EU_BUCKET, DEMO_BUCKET]);
    const restricted = sdk(DEMO_RESTRICTED_ACCESS_KEY_ID, DEMO_RESTRICTED_SECRET_ACCESS_KEY);
    try {
      expect((await restricted.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual([DEMO_BUCKET]);
      // Without list permission there, a missing key is AccessDenied, not NoSuchKey (as on S3).
      await expect(restricted.send(new GetObjectCommand({ Bucket: DEMO_BUCKET, Key: "archive/nope.csv" }))).rejects.toMatchObject({ name: "AccessDenied" });
    } finally {
      restricted.destroy();
    }
    await expect(client.send(new GetObjectCommand({ Bucket: DEMO_BUCKET, Key: "nope.csv" }))).rejects.toMatchObject({ name: "NoSuchKey" });
    expect((await client.send(new GetBucketLocationCommand({ Bucket: DEMO_EU_BUCKET }))).LocationConstraint).toBe("eu-west-1");
  });

  it("persists to a data folder when asked", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "s3-test-server-"));
    try {
      const first = await startS3TestServer({ accounts: {}, buckets: [{ name: "persisted-bucket", region: "ap-south-1" }], dataDir });
      first.putObject("persisted-bucket", { key: "kept.txt", body: "still here" });
      await first.close();
      const second = await startS3TestServer({ accounts: {}, dataDir });
      expect(second.getObject("persisted-bucket", "kept.txt")?.body.toString()).toBe("still here");
      expect(Object.keys(second.endpoints())).toEqual(["us-east-1", "ap-south-1"]);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("S3 test server CLI", () => {
  it("prints the endpoints and demo credentials, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "simulators/s3/main.ts"], {
      env: { ...process.env, S3_SIM_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output}`)), 30_000);
      child.stdout.on("data", () => {
        if (output.includes("Folder-only:")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(output).toMatch(/us-east-1\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain(DEMO_ACCESS_KEY_ID);
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", resolve);
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
  });
});
