/**
 * `npm run simulator`: start the Flow Service simulator on a fixed port.
 * Env: FLOW_SIM_PORT (4010), FLOW_SIM_SEED (0), FLOW_SIM_DATA_FILE (.data/flow-service.json),
 * S3_ENDPOINT (local S3 test server for test/explore), FLOW_SIM_HOST (127.0.0.1),
 * FLOW_SIM_LATENCY (none; e.g. lognormal:median=100,p95=300, see latency.ts).
 */
import { startFlowServiceSimulator } from "./start";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`${name} must be an integer between ${min} and ${max}\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const sim = await startFlowServiceSimulator({
    port: intFromEnv("FLOW_SIM_PORT", 4010, 0, 65_535),
    host: process.env.FLOW_SIM_HOST || "127.0.0.1",
    seed: intFromEnv("FLOW_SIM_SEED", 0, 0, 10_000),
    dataFile: process.env.FLOW_SIM_DATA_FILE || ".data/flow-service.json",
    s3Endpoint: process.env.S3_ENDPOINT || undefined,
    latency: process.env.FLOW_SIM_LATENCY,
  });
  // These are the simulator's own local, non-secret development credentials.
  process.stdout.write(
    [
      "Flow Service simulator ready",
      `  FLOW_SERVICE_URL=${sim.url}`,
      `  ADOBE_IMS_URL=${sim.imsUrl}`,
      `  ADOBE_CLIENT_ID=${sim.clientId}`,
      `  ADOBE_CLIENT_SECRET=${sim.clientSecret}`,
      `  ADOBE_ORG_ID=${sim.orgId}`,
      `  sandboxes: ${sim.sandboxes.join(", ")}`,
      `  connections in ${sim.sandboxes[0]}: ${sim.connections(sim.sandboxes[0]).length}`,
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Received ${signal}, stopping the Flow Service simulator\n`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Flow Service simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
