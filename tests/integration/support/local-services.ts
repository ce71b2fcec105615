// Fresh simulators for a test file: the S3 test server with the demo data and the Flow Service
// simulator, on free ports, with the app's environment pointed at them.
import { resetFlowServiceClient } from "@/lib/flow-service/server";
import { withAllowedOrigins } from "@/lib/net/allowlist";
import { createSimClock, type SimClock } from "@/simulators/clock";
import { startFlowServiceSimulator, type FlowServiceSimulator } from "@/simulators/flow-service";
import { startS3TestServer, type S3TestServer } from "@/simulators/s3";
import { demoS3ServerOptions } from "@/simulators/s3/demo";
import { DEMO_CONSOLE_ACCESS_KEY_ID, DEMO_CONSOLE_SECRET_ACCESS_KEY, demoStsSimulatorOptions, registerWithS3, startStsSimulator } from "@/simulators/sts";

export type TestServices = {
  flow: FlowServiceSimulator;
  s3: S3TestServer;
  s3Endpoint: string;
  /** Shared by the three simulators, as in the local stack: advance it to expire credentials. */
  clock: SimClock;
  close(): Promise<void>;
};

/** `stsLifetimeSeconds`: STS-minted credentials really expire after this long (tests of expiry). */
export async function startTestServices(options: { seed?: number; requestLogCapacity?: number; stsLifetimeSeconds?: number } = {}): Promise<TestServices> {
  const clock = createSimClock();
  const s3 = await startS3TestServer(demoS3ServerOptions({ port: 0, host: "127.0.0.1", clock }));
  const flow = await startFlowServiceSimulator({ port: 0, host: "127.0.0.1", s3Endpoint: s3.endpoint, seed: options.seed ?? 0, clock, requestLogCapacity: options.requestLogCapacity });
  const sts = await startStsSimulator(demoStsSimulatorOptions({ port: 0, host: "127.0.0.1", onIssue: registerWithS3(s3), clock, credentialLifetimeSeconds: options.stsLifetimeSeconds }));
  Object.assign(process.env, {
    FLOW_SERVICE_URL: flow.url,
    ADOBE_IMS_URL: flow.imsUrl,
    ADOBE_CLIENT_ID: flow.clientId,
    ADOBE_CLIENT_SECRET: flow.clientSecret,
    ADOBE_ORG_ID: flow.orgId,
    S3_ENDPOINT: s3.endpoint,
    STS_ENDPOINT: sts.endpoint,
    AWS_ACCESS_KEY_ID: DEMO_CONSOLE_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: DEMO_CONSOLE_SECRET_ACCESS_KEY,
    // As `npm start` does: the egress guard allows exactly the services started here.
    OUTBOUND_ALLOW: withAllowedOrigins(undefined, [s3.endpoint, flow.url, flow.imsUrl, sts.endpoint]),
    // Keep retries quick: these tests inject failures on purpose.
    FLOW_SERVICE_TIMEOUT_MS: "2000",
  });
  resetFlowServiceClient();
  return {
    flow,
    s3,
    s3Endpoint: s3.endpoint,
    clock,
    close: async () => {
      resetFlowServiceClient();
      await flow.close();
      await sts.close();
      await s3.close();
    },
  };
}
