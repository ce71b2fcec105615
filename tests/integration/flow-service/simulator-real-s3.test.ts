/**
 * End to end without fakes: the simulator's default S3 access (lib/s3, loaded lazily) against
 * the local S3 test server (simulators/s3), with real SigV4-signed requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlowServiceClient, type FlowServiceClient } from "@/lib/flow-service";
import { startFlowServiceSimulator, type FlowServiceSimulator } from "@/simulators/flow-service";
import { startS3TestServer, type S3TestServer } from "@/simulators/s3";
import { allowOutbound } from "../support/outbound";

const KEY = { id: "AKIAREALS3EXAMPLE001", secret: "real-s3-secret-value-0001" };
let s3: S3TestServer;
let sim: FlowServiceSimulator;
let client: FlowServiceClient;

beforeAll(async () => {
  s3 = await startS3TestServer({
    accounts: { [KEY.id]: { secretAccessKey: KEY.secret, allow: [{ action: "s3:*", bucket: "acme-landing" }] } },
    buckets: [{ name: "acme-landing", objects: [{ key: "incoming/people.csv", body: "id,name\n1,Ada\n" }, { key: "incoming/2024/events.json", body: "{}" }] }],
  });
  // The simulator reaches its S3 endpoint under its own allowlist; the console's allows the simulator.
  sim = await startFlowServiceSimulator({ s3Endpoint: s3.endpoint });
  allowOutbound(sim.url);
  client = createFlowServiceClient({
    baseUrl: sim.url,
    imsUrl: sim.imsUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    orgId: sim.orgId,
    scopes: "openid",
    defaultSandbox: "prod",
    timeoutMs: 10_000,
    maxRetries: 0,
  });
});
afterAll(async () => {
  await sim?.close();
  await s3?.close();
});

describe("simulator + lib/s3 + local S3 server", () => {
  it("tests and explores with the connection's real credentials", async () => {
    const { id } = await client.createConnection({
      name: "real-s3",
      auth: { specName: "Access Key", params: { s3AccessKey: KEY.id, s3SecretKey: KEY.secret, bucketName: "acme-landing", folderPath: "incoming" } },
    });
    expect((await client.testConnection(id)).result).toBe(true);
    const root = await client.explore(id, { objectType: "root" });
    expect(root.items.map((i) => [i.type, i.path])).toEqual([
      ["folder", "/acme-landing/incoming/2024/"],
      ["file", "/acme-landing/incoming/people.csv"],
    ]);
  });

  it("reports false when S3 refuses the secret", async () => {
    const { id } = await client.createConnection({
      name: "real-s3-wrong",
      auth: { specName: "Access Key", params: { s3AccessKey: KEY.id, s3SecretKey: "wrong-secret", bucketName: "acme-landing" } },
    });
    expect((await client.testConnection(id)).result).toBe(false);
  });
});
