import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBucketAccess } from "@/lib/s3";
import type { CheckBucketInput, CheckBucketResult, S3Failure } from "@/lib/s3";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_BUCKET,
  DEMO_EU_BUCKET,
  DEMO_EU_REGION,
  DEMO_EXPIRED_ACCESS_KEY_ID,
  DEMO_EXPIRED_SECRET_ACCESS_KEY,
  DEMO_EXPIRED_SESSION_TOKEN,
  DEMO_FOLDER,
  DEMO_OTHER_FOLDER,
  DEMO_RESTRICTED_ACCESS_KEY_ID,
  DEMO_RESTRICTED_SECRET_ACCESS_KEY,
  DEMO_SECRET_ACCESS_KEY,
  DEMO_SESSION_ACCESS_KEY_ID,
  DEMO_SESSION_SECRET_ACCESS_KEY,
  DEMO_SESSION_TOKEN,
  demoS3ServerOptions,
  startS3TestServer,
  type S3TestServer,
} from "@/simulators/s3";
import { allowOutbound } from "../support/outbound";

const LIST_ONLY_KEY = "AKIALISTONLY00000001";
const LIST_ONLY_SECRET = "list-only-secret-value";

let server: S3TestServer;
let euEndpoint: string;
/** Every failure seen, to check at the end that no secret leaked into any of them. */
const failures: S3Failure[] = [];
const secrets = [DEMO_SECRET_ACCESS_KEY, DEMO_RESTRICTED_SECRET_ACCESS_KEY, DEMO_SESSION_SECRET_ACCESS_KEY, DEMO_SESSION_TOKEN, DEMO_EXPIRED_SECRET_ACCESS_KEY, DEMO_EXPIRED_SESSION_TOKEN, LIST_ONLY_SECRET, "not-the-right-secret"];

beforeAll(async () => {
  server = await startS3TestServer(demoS3ServerOptions({ port: 0 }));
  server.setAccount(LIST_ONLY_KEY, { secretAccessKey: LIST_ONLY_SECRET, allow: [{ action: "s3:ListBucket", bucket: DEMO_BUCKET }] });
  euEndpoint = await server.endpointFor(DEMO_EU_REGION);
  allowOutbound(server.endpoint, euEndpoint);
});
afterAll(async () => {
  await server?.close();
});

const demo = (overrides: Partial<CheckBucketInput> = {}): CheckBucketInput => ({
  bucket: DEMO_BUCKET,
  folderPath: DEMO_FOLDER,
  credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY },
  endpoint: server.endpoint,
  ...overrides,
});

async function expectFailure(input: CheckBucketInput, opts?: Parameters<typeof checkBucketAccess>[1]): Promise<S3Failure> {
  const result: CheckBucketResult = await checkBucketAccess(input, opts);
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  failures.push(result.failure);
  return result.failure;
}

describe("checkBucketAccess against the S3 test server", () => {
  it("succeeds with the region, endpoint and a sample of the folder", async () => {
    const result = await checkBucketAccess(demo());
    expect(result).toMatchObject({ ok: true, region: "us-east-1", endpoint: server.endpoint, notes: [] });
    if (result.ok) {
      expect(result.sample).toContain(`${DEMO_FOLDER}/customers.csv`);
      expect(result.sample).toContain(`${DEMO_FOLDER}/daily/`);
    }
  });

  it("succeeds with folder-scoped credentials and explains the denied HeadBucket", async () => {
    const result = await checkBucketAccess(
      demo({ credentials: { accessKeyId: DEMO_RESTRICTED_ACCESS_KEY_ID, secretAccessKey: DEMO_RESTRICTED_SECRET_ACCESS_KEY } }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.notes.join(" ")).toMatch(/HeadBucket was denied/);
  });

  it("succeeds with temporary credentials and their session token", async () => {
    const credentials = { accessKeyId: DEMO_SESSION_ACCESS_KEY_ID, secretAccessKey: DEMO_SESSION_SECRET_ACCESS_KEY, sessionToken: DEMO_SESSION_TOKEN };
    expect(await checkBucketAccess(demo({ credentials }))).toMatchObject({ ok: true });
  });

  it("reports a wrong access key id", async () => {
    const failure = await expectFailure(demo({ credentials: { accessKeyId: "AKIAWRONGKEY00000000", secretAccessKey: DEMO_SECRET_ACCESS_KEY } }));
    expect(failure).toMatchObject({ code: "InvalidAccessKeyId", operation: "ListObjectsV2", httpStatus: 403 });
    expect(failure.message).toContain("AKIAWRONGKEY00000000");
  });

  it("reports a wrong secret", async () => {
    const failure = await expectFailure(demo({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: "not-the-right-secret" } }));
    expect(failure).toMatchObject({ code: "SignatureDoesNotMatch", httpStatus: 403 });
    expect(failure.message).toMatch(/secret access key does not belong/);
  });

  it("reports a temporary key used without its session token", async () => {
    const failure = await expectFailure(
      demo({ credentials: { accessKeyId: DEMO_SESSION_ACCESS_KEY_ID, secretAccessKey: DEMO_SESSION_SECRET_ACCESS_KEY } }),
    );
    expect(failure.code).toBe("InvalidAccessKeyId");
    expect(failure.message).toMatch(/no session token/);
  });

  it("reports an expired session token", async () => {
    const credentials = { accessKeyId: DEMO_EXPIRED_ACCESS_KEY_ID, secretAccessKey: DEMO_EXPIRED_SECRET_ACCESS_KEY, sessionToken: DEMO_EXPIRED_SESSION_TOKEN };
    const failure = await expectFailure(demo({ credentials }));
    expect(failure).toMatchObject({ code: "ExpiredToken", httpStatus: 400 });
    expect(failure.message).toMatch(/expired/);
  });

  it("reports an invalid session token", async () => {
    const credentials = { accessKeyId: DEMO_SESSION_ACCESS_KEY_ID, secretAccessKey: DEMO_SESSION_SECRET_ACCESS_KEY, sessionToken: "some-other-token" };
    const failure = await expectFailure(demo({ credentials }));
    expect(failure).toMatchObject({ code: "InvalidToken", httpStatus: 400 });
  });

  it("reports ListObjectsV2 denied on a folder outside the allowed prefix", async () => {
    const failure = await expectFailure(
      demo({
        folderPath: DEMO_OTHER_FOLDER,
        credentials: { accessKeyId: DEMO_RESTRICTED_ACCESS_KEY_ID, secretAccessKey: DEMO_RESTRICTED_SECRET_ACCESS_KEY },
      }),
    );
    expect(failure).toMatchObject({ code: "AccessDenied", operation: "ListObjectsV2", httpStatus: 403 });
    expect(failure.message).toContain("ListObjectsV2");
    expect(failure.message).toContain(`\`${DEMO_OTHER_FOLDER}/\``);
    expect(failure.message).toContain("s3:ListBucket");
    expect(failure.message).toContain(`arn:aws:s3:::${DEMO_BUCKET}`);
  });

  it("reports GetObject denied when the credentials can list but not read", async () => {
    const failure = await expectFailure(demo({ credentials: { accessKeyId: LIST_ONLY_KEY, secretAccessKey: LIST_ONLY_SECRET } }));
    expect(failure).toMatchObject({ code: "AccessDenied", operation: "HeadObject" });
    expect(failure.message).toContain(`s3:GetObject\` on \`arn:aws:s3:::${DEMO_BUCKET}/${DEMO_FOLDER}/*`);
    expect(await checkBucketAccess(demo({ credentials: { accessKeyId: LIST_ONLY_KEY, secretAccessKey: LIST_ONLY_SECRET } }), { verifyRead: false })).toMatchObject({ ok: true });
  });

  it("reports a bucket that does not exist", async () => {
    const failure = await expectFailure(demo({ bucket: "no-such-bucket-here" }));
    expect(failure).toMatchObject({ code: "NoSuchBucket", operation: "HeadBucket", httpStatus: 404 });
    expect(failure.message).toContain("no-such-bucket-here");
  });

  it("reports a wrong region with the right region and endpoint", async () => {
    // The home endpoint stands in for AWS: signed for us-east-1, the EU bucket is redirected.
    const failure = await expectFailure(demo({ bucket: DEMO_EU_BUCKET, folderPath: "", region: "us-east-1" }));
    expect(failure).toMatchObject({ code: "WrongRegion", bucketRegion: DEMO_EU_REGION, suggestedEndpoint: "https://s3.eu-west-1.amazonaws.com" });
    expect(failure.message).toContain(`is in ${DEMO_EU_REGION}`);
    expect(failure.message).toContain("use https://s3.eu-west-1.amazonaws.com");
    expect(failure.fix).toContain("https://s3.eu-west-1.amazonaws.com");
    // Signed for the right region, the same endpoint serves it.
    expect(await checkBucketAccess(demo({ bucket: DEMO_EU_BUCKET, folderPath: "", region: DEMO_EU_REGION }))).toMatchObject({ ok: true });
  });

  it("names the local endpoint of the bucket's region on a single-region endpoint", async () => {
    await server.addBucket({ name: "demo-ap-bucket", region: "ap-south-1", objects: [{ key: "a.csv", body: "x" }] });
    const apEndpoint = await server.endpointFor("ap-south-1");
    const failure = await expectFailure(demo({ bucket: "demo-ap-bucket", folderPath: "", endpoint: euEndpoint, region: DEMO_EU_REGION }));
    expect(failure).toMatchObject({ code: "WrongRegion", bucketRegion: "ap-south-1", suggestedEndpoint: apEndpoint });
    expect(failure.message).toContain(apEndpoint);
    // Without a region the check tries once more signed for ap-south-1, then reports the first mismatch.
    const unpinned = await expectFailure(demo({ bucket: "demo-ap-bucket", folderPath: "", endpoint: euEndpoint }));
    expect(unpinned).toMatchObject({ code: "WrongRegion", suggestedEndpoint: apEndpoint });
    expect(unpinned.message).toContain("for region us-east-1");
  });

  it("reports the right endpoint signed for the wrong region", async () => {
    const failure = await expectFailure(demo({ bucket: DEMO_EU_BUCKET, folderPath: "", endpoint: euEndpoint, region: "us-east-1" }));
    expect(failure).toMatchObject({ code: "WrongRegion", bucketRegion: DEMO_EU_REGION });
    expect(failure.fix).toBe(`Set the region to ${DEMO_EU_REGION}.`);
  });

  it("discovers the region when none was given", async () => {
    for (const endpoint of [euEndpoint, server.endpoint]) {
      const result = await checkBucketAccess(demo({ bucket: DEMO_EU_BUCKET, folderPath: "exports", endpoint }));
      expect(result).toMatchObject({ ok: true, region: DEMO_EU_REGION, endpoint });
    }
  });

  it("reports an unreachable endpoint by name", async () => {
    const closed = await closedPort();
    const endpoint = `http://127.0.0.1:${closed}`;
    allowOutbound(endpoint); // allowed, but nothing listens there
    const failure = await expectFailure(demo({ endpoint }));
    expect(failure).toMatchObject({ code: "EndpointUnreachable", operation: "HeadBucket" });
    expect(failure.message).toContain(endpoint);
    expect(failure.message).toContain("ECONNREFUSED");
  });

  it("gives up after a short, configurable timeout", async () => {
    const silent = await silentServer();
    allowOutbound(`http://127.0.0.1:${silent.port}`);
    try {
      const started = Date.now();
      const failure = await expectFailure(demo({ endpoint: `http://127.0.0.1:${silent.port}` }), { timeoutMs: 300 });
      expect(failure.code).toBe("Timeout");
      expect(failure.message).toMatch(/within 300 ms/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  });

  it("stops when the caller cancels", async () => {
    const failure = await expectFailure(demo(), { signal: AbortSignal.abort() });
    expect(failure.code).toBe("Aborted");
  });

  it("rejects bad input before any network call", async () => {
    expect((await expectFailure(demo({ bucket: "Bad_Bucket" }))).code).toBe("InvalidInput");
    expect((await expectFailure(demo({ folderPath: "a/../b" }))).code).toBe("InvalidInput");
    // Plain http to a host OUTBOUND_ALLOW does not list: refused by the egress guard, before DNS.
    expect(await expectFailure(demo({ endpoint: "http://example.com" }))).toMatchObject({ code: "AddressNotAllowed", message: expect.stringMatching(/plain http/) });
    const spaced = await expectFailure(demo({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: ` ${DEMO_SECRET_ACCESS_KEY}` } }));
    expect(spaced.message).toMatch(/starts or ends with a space/);
  });

  it("never puts a secret or session token in any message", () => {
    expect(failures.length).toBeGreaterThanOrEqual(16);
    const text = JSON.stringify(failures);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});

/** A port nobody listens on: bind one, then release it. */
async function closedPort(): Promise<number> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Accepts connections and never answers. */
async function silentServer(): Promise<{ port: number; close: () => void }> {
  const sockets = new Set<import("node:net").Socket>();
  const srv = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  return {
    port: (srv.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      srv.close();
    },
  };
}
