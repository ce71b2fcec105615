// Time is real in the simulators: STS-minted credentials expire on the shared clock (duration
// honoured, tests may shorten it), S3 refuses them with AWS's ExpiredToken, and Flow Service's
// test and explore then fail the way AEP's do. The clock moves forward through POST /__sim/clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlowServiceClient, flowServiceConfigFromEnv, type FlowServiceClient } from "@/lib/flow-service";
import { listFolder } from "@/lib/s3";
import { mintSessionCredentials } from "@/lib/sts";
import { createSimClock } from "@/simulators/clock";
import { DEMO_BUCKET, DEMO_FOLDER, demoS3ServerOptions, startS3TestServer, type S3TestServer } from "@/simulators/s3";
import { DEMO_CONSOLE_ACCESS_KEY_ID, DEMO_CONSOLE_SECRET_ACCESS_KEY, DEMO_ROTATION_ROLE_ARN, demoStsSimulatorOptions, registerWithS3, startStsSimulator } from "@/simulators/sts";
import { useTestServices } from "../support/use-test-services";
import { allowOutbound } from "../support/outbound";

const consoleIdentity = { accessKeyId: DEMO_CONSOLE_ACCESS_KEY_ID, secretAccessKey: DEMO_CONSOLE_SECRET_ACCESS_KEY };

async function mint(endpoint: string, durationSeconds = 900) {
  const minted = await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds }, { endpoint, region: "us-east-1", credentials: consoleIdentity });
  if (!minted.ok) throw new Error(`mint failed: ${minted.error.code}`);
  return minted;
}

async function rawList(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }) {
  // The SDK hides S3's XML; sign one request by hand to read exactly what S3 sent.
  const { SignatureV4 } = await import("@smithy/signature-v4");
  const { NodeSha256 } = await import("@/simulators/s3/sigv4");
  const url = new URL(`${endpoint}/${DEMO_BUCKET}?list-type=2&prefix=${encodeURIComponent(`${DEMO_FOLDER}/`)}`);
  const signer = new SignatureV4({ service: "s3", region: "us-east-1", credentials, sha256: NodeSha256, uriEscapePath: false });
  const signed = await signer.sign({
    method: "GET",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
  });
  const response = await fetch(url, { headers: signed.headers as Record<string, string> });
  return { status: response.status, body: await response.text() };
}

describe("STS credentials expire on the shared clock and S3 refuses them like AWS", () => {
  const clock = createSimClock();
  let s3: S3TestServer;
  let sts: Awaited<ReturnType<typeof startStsSimulator>>;
  beforeAll(async () => {
    s3 = await startS3TestServer(demoS3ServerOptions({ port: 0, clock }));
    sts = await startStsSimulator(demoStsSimulatorOptions({ onIssue: registerWithS3(s3), clock }));
    // The console's STS and S3 calls go through its egress guard: allow these two, as npm start does.
    allowOutbound(sts.endpoint, s3.endpoint);
  });
  afterAll(async () => {
    await sts.close();
    await s3.close();
  });

  it("honours DurationSeconds: valid until the last second, ExpiredToken after", async () => {
    const creds = await mint(sts.endpoint, 900);
    expect(creds.expiration.getTime() - clock.now()).toBeGreaterThan(895_000);
    const target = { bucket: DEMO_BUCKET, prefix: DEMO_FOLDER, endpoint: s3.endpoint, forcePathStyle: true, credentials: creds };
    expect((await listFolder(target)).ok).toBe(true);

    clock.advance(creds.expiration.getTime() - clock.now() - 5_000);
    expect((await listFolder(target)).ok).toBe(true);

    clock.advance(6_000);
    const refused = await rawList(s3.endpoint, creds);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("<Code>ExpiredToken</Code>");
    expect(refused.body).toContain("<Message>The provided token has expired.</Message>");
    // S3 echoes the token it refused, as AWS does.
    expect(refused.body).toContain(`<Token-0>${creds.sessionToken}</Token-0>`);
    const listed = await listFolder(target);
    expect(listed).toMatchObject({ ok: false, error: { code: "ExpiredToken" } });
  });

  it("checks signature dates against the real clock, so a moved clock does not make requests skewed", async () => {
    clock.advance(6 * 3_600_000);
    const creds = await mint(sts.endpoint, 3600);
    expect(creds.expiration.getTime()).toBeGreaterThan(Date.now() + 6 * 3_600_000);
    expect((await listFolder({ bucket: DEMO_BUCKET, prefix: DEMO_FOLDER, endpoint: s3.endpoint, forcePathStyle: true, credentials: creds })).ok).toBe(true);
  });

  it("refuses to move backwards", () => {
    expect(() => clock.advance(-1)).toThrow(/forward only/);
  });
});

describe("a test may shorten the lifetime of minted credentials", () => {
  it("expires them after credentialLifetimeSeconds while DurationSeconds is still validated", async () => {
    const clock = createSimClock();
    const sts = await startStsSimulator(demoStsSimulatorOptions({ clock, credentialLifetimeSeconds: 30 }));
    allowOutbound(sts.endpoint);
    try {
      const creds = await mint(sts.endpoint, 3600);
      expect(creds.expiration.getTime() - clock.now()).toBeLessThanOrEqual(30_000);
      const tooShort = await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 60 }, { endpoint: sts.endpoint, region: "us-east-1", credentials: consoleIdentity });
      expect(tooShort.ok).toBe(false);
    } finally {
      await sts.close();
    }
  });
});

describe("Flow Service test and explore when the stored credentials have expired", () => {
  const services = useTestServices({ resetDatabase: false });
  let client: FlowServiceClient;
  let stsEndpoint: string;
  beforeAll(() => {
    client = createFlowServiceClient(flowServiceConfigFromEnv(process.env));
    stsEndpoint = process.env.STS_ENDPOINT ?? "";
  });

  async function control(method: string, path: string, body?: unknown) {
    const response = await fetch(`${services.flow.origin}/__sim${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("answers test=false and explore with AEP's error after expiry, and works again after a rotation", async () => {
    const first = await mint(stsEndpoint, 900);
    const created = await client.createConnection({
      name: `expiring-${Date.now()}`,
      auth: { specName: "Access Key", params: { s3AccessKey: first.accessKeyId, s3SecretKey: first.secretAccessKey, s3SessionToken: first.sessionToken, bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER } },
    });
    expect((await client.testConnection(created.id)).result).toBe(true);
    expect((await client.explore(created.id, { objectType: "root" })).items.length).toBeGreaterThan(0);

    const before = await control("GET", "/clock");
    const moved = await control("POST", "/clock", { advanceSeconds: 901 });
    expect(moved.status).toBe(200);
    expect(Number(moved.body.offsetMs) - Number(before.body.offsetMs)).toBe(901_000);

    expect((await client.testConnection(created.id)).result).toBe(false);
    const explored = await client.explore(created.id, { objectType: "root" }).catch((error: unknown) => error as { kind: string; status: number; detail: string });
    expect(explored).toMatchObject({ kind: "validation", status: 400 });
    const body = JSON.parse((explored as { detail: string }).detail) as Record<string, unknown>;
    expect(body).toMatchObject({ type: "https://ns.adobe.com/aep/errors/CONNECTOR-1308-400", status: 400, title: "Bad Request" });
    expect(String(body.detail)).toContain("ExpiredToken: The provided token has expired.");

    const fresh = await mint(stsEndpoint, 900);
    const { connection } = await client.getConnection(created.id);
    await client.patchConnection(created.id, connection.etag, [
      { op: "replace", path: "/auth/params/s3AccessKey", value: fresh.accessKeyId },
      { op: "replace", path: "/auth/params/s3SecretKey", value: fresh.secretAccessKey },
      { op: "replace", path: "/auth/params/s3SessionToken", value: fresh.sessionToken },
    ]);
    expect((await client.testConnection(created.id)).result).toBe(true);
    expect((await client.explore(created.id, { objectType: "root" })).items.length).toBeGreaterThan(0);
  });

  it("refuses to move the clock backwards or by nothing readable", async () => {
    expect((await control("POST", "/clock", { advanceMs: -5 })).status).toBe(400);
    expect((await control("POST", "/clock", {})).status).toBe(400);
  });
});
