// The local stand-ins for AWS and Adobe: the S3 test server with the demo bucket, and the Flow
// Service simulator (unless FLOW_SERVICE_URL points the console at a real Flow Service).
import { join } from "node:path";
import { createSimClock, type SimClock } from "../../simulators/clock";
import { startFlowServiceSimulator } from "../../simulators/flow-service";
import { DEMO_CONSOLE_ACCESS_KEY_ID, DEMO_CONSOLE_SECRET_ACCESS_KEY, DEMO_ROTATION_ROLE_ARN, DEMO_STS_REGION, demoStsSimulatorOptions, registerWithS3, rememberIssued, startStsSimulator } from "../../simulators/sts";
import { startS3TestServer } from "../../simulators/s3";
import type { S3TestServer } from "../../simulators/s3/types";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_FOLDER, DEMO_SECRET_ACCESS_KEY, demoS3ServerOptions } from "../../simulators/s3/demo";
import { withAllowedOrigins } from "../../lib/net/allowlist";
import { StackStartError, type StackEnv } from "./config";
import { ensureDemoDataflows, type DemoDataflows } from "./demo-dataflows";

export type LocalServices = {
  s3Endpoint: string;
  /** The S3 test server itself (tests add accounts to it). */
  s3: S3TestServer;
  /** The simulators' shared clock: credentials and dataflow schedules follow it (tests move it). */
  clock: SimClock;
  flowServiceUrl?: string;
  /** The dataflow demo in the simulator (absent with a real Flow Service). */
  demo?: DemoDataflows;
  /** Variables the console process needs to reach these services. */
  consoleEnv: Record<string, string>;
  /** [label, value] lines for the start summary. */
  summary: [string, string][];
  stop(): Promise<void>;
};

const REAL_FLOW_SERVICE_VARS = ["ADOBE_CLIENT_ID", "ADOBE_CLIENT_SECRET", "ADOBE_ORG_ID"] as const;

export async function startLocalServices(env: StackEnv, dataDir: string, source: Record<string, string | undefined>): Promise<LocalServices> {
  // One clock for the three simulators, so moving it (POST /__sim/clock) expires STS-minted
  // credentials in S3 and runs the dataflow schedules that fell due, all at once.
  const clock = createSimClock();
  const s3 = await startS3TestServer(demoS3ServerOptions({ port: env.S3_SIM_PORT, host: "127.0.0.1", clock }));
  const summary: [string, string][] = [
    ["S3 test server", s3.endpoint],
    ["  demo bucket", `${DEMO_BUCKET}/${DEMO_FOLDER}/  (access key ${DEMO_ACCESS_KEY_ID}, secret ${DEMO_SECRET_ACCESS_KEY})`],
  ];
  const consoleEnv: Record<string, string> = { S3_ENDPOINT: s3.endpoint };

  if (env.FLOW_SERVICE_URL) {
    const missing = REAL_FLOW_SERVICE_VARS.filter((name) => !source[name]);
    if (missing.length) {
      await s3.close();
      throw new StackStartError(`FLOW_SERVICE_URL is set, so ${missing.join(", ")} must be set too (see "Going live" in the README)`);
    }
    summary.push(["Flow Service", `${env.FLOW_SERVICE_URL} (real)`]);
    consoleEnv.OUTBOUND_ALLOW = withAllowedOrigins(env.OUTBOUND_ALLOW, [s3.endpoint]);
    summary.push(["Outbound allowed", consoleEnv.OUTBOUND_ALLOW.split(",").join(", ")]);
    return { s3Endpoint: s3.endpoint, s3, clock, consoleEnv, summary, stop: () => s3.close() };
  }

  // A local STS for "Rotate now": it trusts the demo console identity, which the console process
  // finds through the AWS SDK's standard chain (environment variables), exactly as on AWS.
  const sts = env.STS_ENDPOINT
    ? undefined
    : await startStsSimulator(
        demoStsSimulatorOptions({
          port: env.STS_SIM_PORT,
          host: "127.0.0.1",
          // Minted credentials outlive a restart, as AWS's do: S3 learns the unexpired ones again.
          onIssue: rememberIssued({ path: join(dataDir, "sts-issued.json"), now: () => clock.now() }, registerWithS3(s3)),
          clock,
        }),
      ).catch(async (error: unknown) => {
        await s3.close();
        throw error;
      });
  if (sts) {
    Object.assign(consoleEnv, { STS_ENDPOINT: sts.endpoint, STS_REGION: DEMO_STS_REGION, AWS_ACCESS_KEY_ID: DEMO_CONSOLE_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: DEMO_CONSOLE_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: "" });
    summary.push(["STS (local)", sts.endpoint], ["  rotation role", DEMO_ROTATION_ROLE_ARN]);
  }
  const stopSts = async () => {
    await sts?.close();
  };

  const simulator = await startFlowServiceSimulator({
    port: env.FLOW_SIM_PORT,
    host: "127.0.0.1",
    dataFile: join(dataDir, "flow-service.json"),
    seed: env.FLOW_SIM_SEED,
    s3Endpoint: s3.endpoint,
    clock,
  }).catch(async (error: unknown) => {
    await stopSts();
    await s3.close();
    throw error;
  });
  // The dataflow demo: made on first start, found again afterwards (the simulator's data persists).
  const demo = await ensureDemoDataflows(simulator).catch(async (error: unknown) => {
    await simulator.close();
    await stopSts();
    await s3.close();
    throw error;
  });
  Object.assign(consoleEnv, {
    FLOW_SERVICE_URL: simulator.url,
    ADOBE_IMS_URL: simulator.imsUrl,
    ADOBE_CLIENT_ID: simulator.clientId,
    ADOBE_CLIENT_SECRET: simulator.clientSecret,
    ADOBE_ORG_ID: simulator.orgId,
  });
  summary.push(["Flow Service sim", simulator.url], ["  IMS token URL", simulator.imsUrl], ["  demo", `sandbox ${demo.sandbox}: "Demo: orders landing" (healthy dataflows), "Demo: events landing" (expired token), "Demo: clickstream landing" (rotated automatically)`]);
  // The console's egress guard refuses loopback and plain http unless configured otherwise: the
  // stack allows exactly the services it started, after whatever OUTBOUND_ALLOW already lists.
  consoleEnv.OUTBOUND_ALLOW = withAllowedOrigins(env.OUTBOUND_ALLOW, [s3.endpoint, sts?.endpoint, simulator.url, simulator.imsUrl]);
  summary.push(["Outbound allowed", consoleEnv.OUTBOUND_ALLOW.split(",").join(", ")]);
  return {
    s3Endpoint: s3.endpoint,
    s3,
    clock,
    flowServiceUrl: simulator.url,
    demo,
    consoleEnv,
    summary,
    stop: async () => {
      await simulator.close();
      await stopSts();
      await s3.close();
    },
  };
}
