// The STS simulator at the wire level: XML shapes, SigV4 checks, validation, and the S3 bridge.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowOutbound } from "../support/outbound";
import { mintSessionCredentials } from "@/lib/sts";
import { DEMO_BUCKET, DEMO_FOLDER, demoS3ServerOptions, startS3TestServer, type S3TestServer } from "@/simulators/s3";
import { NodeSha256 } from "@/simulators/s3/sigv4";
import {
  DEMO_CONSOLE_ACCESS_KEY_ID as KEY,
  DEMO_CONSOLE_ARN,
  DEMO_CONSOLE_SECRET_ACCESS_KEY as SECRET,
  DEMO_ROTATION_ROLE_ARN,
  demoStsSimulatorOptions,
  registerWithS3,
  startStsSimulator,
  type StsSimulator,
} from "@/simulators/sts";

let sim: StsSimulator;
let s3: S3TestServer;

beforeAll(async () => {
  s3 = await startS3TestServer(demoS3ServerOptions({ port: 0 }));
  sim = await startStsSimulator(demoStsSimulatorOptions({ onIssue: registerWithS3(s3) }));
  allowOutbound(sim.endpoint, s3.endpoint);
});
afterAll(async () => {
  await sim?.close();
  await s3?.close();
});

function sts(credentials = { accessKeyId: KEY, secretAccessKey: SECRET }, endpoint = sim.endpoint): STSClient {
  return new STSClient({ region: "us-east-1", endpoint, credentials, maxAttempts: 1 });
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error("expected the call to fail");
}

/** A form POST signed by hand, without x-amz-content-sha256, so the body hash must come from the body. */
async function signedPost(body: string, sendBody = body, service = "sts") {
  const url = new URL(sim.endpoint);
  const signer = new SignatureV4({ service, region: "us-east-1", credentials: { accessKeyId: KEY, secretAccessKey: SECRET }, sha256: NodeSha256, applyChecksum: false });
  const signed = await signer.sign({
    method: "POST",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: "/",
    headers: { host: url.host, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  return fetch(sim.endpoint, { method: "POST", headers, body: sendBody });
}

describe("STS simulator protocol", () => {
  it("answers GetCallerIdentity with the signing caller", async () => {
    const client = sts();
    const out = await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    expect(out).toMatchObject({ Arn: DEMO_CONSOLE_ARN, Account: "000000000000" });
    expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it("returns STS's AssumeRole XML document", async () => {
    const response = await signedPost(`Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(DEMO_ROTATION_ROLE_ARN)}&RoleSessionName=wire-test&DurationSeconds=900`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml");
    const xml = await response.text();
    expect(xml).toMatch(
      /^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA[A-Z2-7]{16}<\/AccessKeyId><SecretAccessKey>[^<]+<\/SecretAccessKey><SessionToken>[^<]+<\/SessionToken><Expiration>\d{4}-\d\d-\d\dT[\d:.]+Z<\/Expiration><\/Credentials><AssumedRoleUser><AssumedRoleId>AROA[A-Z2-7]{17}:wire-test<\/AssumedRoleId><Arn>arn:aws:sts::000000000000:assumed-role\/aep-s3-rotation\/wire-test<\/Arn><\/AssumedRoleUser><\/AssumeRoleResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/AssumeRoleResponse>$/,
    );
    expect(xml).toContain(`<RequestId>${response.headers.get("x-amzn-requestid")}</RequestId>`);
  });

  it("answers unsigned requests with STS's ErrorResponse", async () => {
    const response = await fetch(sim.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(
      /^<ErrorResponse xmlns="[^"]+"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it("signs the body: parameters changed after signing are rejected", async () => {
    const body = "Action=GetCallerIdentity&Version=2011-06-15";
    expect((await signedPost(body)).status).toBe(200);
    const tampered = await signedPost(body, "Action=GetCallerIdentitx&Version=2011-06-15");
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
  });

  it("rejects a signature made for another service", async () => {
    const response = await signedPost("Action=GetCallerIdentity&Version=2011-06-15", undefined, "iam");
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Message>Credential should be scoped to correct service: &apos;sts&apos;.</Message>");
  });

  it("validates parameters the way STS does", async () => {
    const client = sts();
    const assume = (input: Partial<{ DurationSeconds: number; RoleSessionName: string; ExternalId: string }>) =>
      errorOf(client.send(new AssumeRoleCommand({ RoleArn: DEMO_ROTATION_ROLE_ARN, RoleSessionName: "ok-name", ...input })));
    expect(await assume({ DurationSeconds: 100 })).toMatchObject({
      name: "ValidationError",
      message: expect.stringMatching(/'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/),
    });
    expect(await assume({ DurationSeconds: 50_000 })).toMatchObject({ name: "ValidationError" });
    expect(await assume({ RoleSessionName: "has space" })).toMatchObject({ name: "ValidationError", message: expect.stringMatching(/roleSessionName/) });
    expect(await assume({ RoleSessionName: "x" })).toMatchObject({ name: "ValidationError" });
    expect(await assume({ ExternalId: "bad;id" })).toMatchObject({ name: "ValidationError", message: expect.stringMatching(/externalId/) });
    client.destroy();
  });

  it("limits role chaining to one hour", async () => {
    const first = await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint: sim.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: SECRET } });
    if (!first.ok) throw new Error(first.error.message);
    const chainedSim = await startStsSimulator(
      demoStsSimulatorOptions({
        callers: { [first.accessKeyId]: { secretAccessKey: first.secretAccessKey, sessionToken: first.sessionToken, arn: first.assumedRoleArn! } },
        roles: { [DEMO_ROTATION_ROLE_ARN]: { trustedCallers: ["arn:aws:iam::000000000000:root"], maxSessionDuration: 43_200 } },
      }),
    );
    allowOutbound(chainedSim.endpoint);
    try {
      const opts = { endpoint: chainedSim.endpoint, credentials: { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey, sessionToken: first.sessionToken } };
      const tooLong = await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 7200 }, opts);
      expect(tooLong.ok ? "" : tooLong.error.message).toMatch(/1 hour session limit for roles assumed by role chaining/);
      expect((await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 3600 }, opts)).ok).toBe(true);
    } finally {
      await chainedSim.close();
    }
  });

  it("rejects a request signed too far from its clock", async () => {
    const skewed = await startStsSimulator(demoStsSimulatorOptions({ now: () => new Date(Date.now() + 20 * 60 * 1000) }));
    allowOutbound(skewed.endpoint);
    try {
      const result = await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint: skewed.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: SECRET } });
      expect(result.ok ? "" : result.error.message).toMatch(/clock/);
    } finally {
      await skewed.close();
    }
  });

  it("rejects unknown actions and versions", async () => {
    expect(await (await signedPost("Action=GetSessionToken&Version=2011-06-15")).text()).toContain("<Code>InvalidAction</Code>");
    expect(await (await signedPost("Action=AssumeRole&Version=2010-01-01")).text()).toContain("<Code>InvalidAction</Code>");
  });
});

describe("registerWithS3", () => {
  it("makes minted credentials work against the S3 test server with the role's permissions", async () => {
    const minted = await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 900 }, { endpoint: sim.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: SECRET } });
    if (!minted.ok) throw new Error(minted.error.message);
    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.endpoint,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: minted.accessKeyId, secretAccessKey: minted.secretAccessKey, sessionToken: minted.sessionToken },
    });
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: DEMO_BUCKET, Prefix: `${DEMO_FOLDER}/` }));
      expect(listed.Contents?.map((o) => o.Key)).toContain(`${DEMO_FOLDER}/customers.csv`);
      const object = await client.send(new GetObjectCommand({ Bucket: DEMO_BUCKET, Key: `${DEMO_FOLDER}/orders.csv` }));
      expect(await object.Body?.transformToString()).toMatch(/^order_id/);
      // The demo role reads; it does not write.
      const denied = await errorOf(client.send(new PutObjectCommand({ Bucket: DEMO_BUCKET, Key: "x.csv", Body: "x" })));
      expect(denied.name).toBe("AccessDenied");
    } finally {
      client.destroy();
    }
    // Without the session token S3 does not know the temporary key, exactly as on AWS.
    const tokenless = new S3Client({ region: "us-east-1", endpoint: s3.endpoint, forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId: minted.accessKeyId, secretAccessKey: minted.secretAccessKey } });
    expect((await errorOf(tokenless.send(new ListObjectsV2Command({ Bucket: DEMO_BUCKET })))).name).toBe("InvalidAccessKeyId");
    tokenless.destroy();
  });
});
