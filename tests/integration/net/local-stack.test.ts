// The local stack under the egress guard: it works because the test support allows its own
// services through OUTBOUND_ALLOW (exactly as `npm start` does), a loopback port that is not
// listed is refused on the wizard's service URL field, and without the allowlist the same stack
// stops working, each refusal naming the variable to change.
import "../support/next-request";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBucketAction, createConnectionAction } from "@/app/(console)/connections/new/actions";
import { resetServerEnv } from "@/lib/env";
import { resetFlowServiceClient } from "@/lib/flow-service/server";
import { mintSessionCredentials } from "@/lib/sts";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_FOLDER, DEMO_SECRET_ACCESS_KEY } from "@/simulators/s3/demo";
import { DEMO_ROTATION_ROLE_ARN } from "@/simulators/sts";
import { startCountingListener, type CountingListener } from "../support/listener";
import { useTestServices } from "../support/use-test-services";
import { signInForTest } from "../support/next-request";

const bucketForm = (serviceUrl = "") => ({ bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER, s3AccessKey: DEMO_ACCESS_KEY_ID, s3SecretKey: DEMO_SECRET_ACCESS_KEY, s3SessionToken: "", sessionTokenExpiresAt: "", serviceUrl });
const newConnection = (name: string) => ({ platform: "azure", submissionId: randomUUID(), name, description: "", ...bucketForm() });

describe("the local stack and its allowlist", () => {
  const services = useTestServices();
  let internal: CountingListener;
  beforeAll(async () => {
    internal = await startCountingListener();
    await signInForTest("operator");
  });
  afterAll(async () => {
    await internal.close();
  });

  it("lists exactly the services it started", () => {
    expect(process.env.OUTBOUND_ALLOW?.split(",").sort()).toEqual(
      [...new Set([services.s3Endpoint, services.flow.url, services.flow.imsUrl, process.env.STS_ENDPOINT!].map((url) => new URL(url).origin))].sort(),
    );
  });

  it("works: bucket check on the S3 test server, create through the Flow Service simulator, STS", async () => {
    expect(await checkBucketAction(bucketForm())).toMatchObject({ ok: true, data: { passed: true } });
    expect(await createConnectionAction(newConnection("Allowed stack"))).toMatchObject({ ok: true });
    expect(await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint: process.env.STS_ENDPOINT })).toMatchObject({ ok: true });
  });

  it("refuses a loopback port that is not listed, on the service URL field, and learns nothing from it", async () => {
    const serviceUrl = `http://127.0.0.1:${internal.port}`;
    const result = await checkBucketAction(bucketForm(serviceUrl));
    expect(result).toMatchObject({ ok: true, data: { passed: false, failure: { blocking: true, field: "serviceUrl" } } });
    const failure = result.ok && !result.data.passed ? result.data.failure : undefined;
    expect(failure?.message).toBe(`This address is not allowed: ${serviceUrl} is a loopback address (this machine).`);
    expect(failure?.fix).toMatch(/OUTBOUND_ALLOW/);
    // A status, not a digit run: the listener's random port (34045 in one CI run) may contain 404.
    expect(JSON.stringify(result)).not.toMatch(/There is no bucket|NoSuchBucket|\b404\b/);
    expect(internal.connections()).toBe(0);
  });

  it("stops working without the allowlist, and each refusal names what to change", async () => {
    const saved = process.env.OUTBOUND_ALLOW;
    process.env.OUTBOUND_ALLOW = "";
    resetServerEnv();
    resetFlowServiceClient();
    try {
      const check = await checkBucketAction(bucketForm());
      expect(check).toMatchObject({ ok: true, data: { passed: false, failure: { blocking: false, message: expect.stringMatching(/^This address is not allowed: http:\/\/127\.0\.0\.1:\d+ is a loopback address/) } } });
      expect(check.ok && !check.data.passed && check.data.failure.fix).toMatch(/S3_ENDPOINT.*OUTBOUND_ALLOW/);

      const created = await createConnectionAction(newConnection("Refused stack"));
      expect(created).toMatchObject({ ok: false, error: { code: "not_allowed", message: expect.stringMatching(/This address is not allowed: .*ADOBE_IMS_URL.*OUTBOUND_ALLOW/) } });

      const minted = await mintSessionCredentials({ roleArn: DEMO_ROTATION_ROLE_ARN }, { endpoint: process.env.STS_ENDPOINT });
      expect(minted).toMatchObject({ ok: false, error: { code: "AddressNotAllowed", fix: expect.stringMatching(/STS_ENDPOINT.*OUTBOUND_ALLOW/) } });
    } finally {
      process.env.OUTBOUND_ALLOW = saved;
      resetServerEnv();
      resetFlowServiceClient();
    }
    expect(await checkBucketAction(bucketForm())).toMatchObject({ ok: true, data: { passed: true } });
  });
});
