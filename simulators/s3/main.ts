/**
 * CLI: `tsx simulators/s3/main.ts` starts the S3 test server with the demo
 * data. S3_SIM_PORT sets the us-east-1 port (default 4569); the eu-west-1
 * endpoint listens on the next port. S3_SIM_HOST sets the interface
 * (default 127.0.0.1) and S3_SIM_DATA_DIR enables persistence.
 */
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_BUCKET,
  DEMO_EU_BUCKET,
  DEMO_EU_REGION,
  DEMO_FOLDER,
  DEMO_RESTRICTED_ACCESS_KEY_ID,
  DEMO_RESTRICTED_SECRET_ACCESS_KEY,
  DEMO_S3_DEFAULT_PORT,
  DEMO_SECRET_ACCESS_KEY,
  demoS3ServerOptions,
} from "./demo";
import { startS3TestServer } from "./server";

function portFromEnv(): number {
  const raw = process.env.S3_SIM_PORT;
  if (raw === undefined || raw === "") return DEMO_S3_DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`S3_SIM_PORT must be a port number (0-65535), got "${raw}".`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const port = portFromEnv();
  // Handlers go first: a supervisor may signal us as soon as the banner appears.
  const running: { server?: Awaited<ReturnType<typeof startS3TestServer>> } = {};
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, stopping the S3 test server.`);
    (running.server ? running.server.close() : Promise.resolve()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  const server = await startS3TestServer(
    demoS3ServerOptions({
      port,
      host: process.env.S3_SIM_HOST || "127.0.0.1",
      // Port 0 means "any free port" for every region.
      regionPorts: { [DEMO_EU_REGION]: port === 0 ? 0 : port + 1 },
      ...(process.env.S3_SIM_DATA_DIR ? { dataDir: process.env.S3_SIM_DATA_DIR } : {}),
    }),
  );
  running.server = server;
  const endpoints = server.endpoints();
  console.log(`S3 test server listening`);
  for (const [region, endpoint] of Object.entries(endpoints)) console.log(`  ${region.padEnd(10)} ${endpoint}`);
  console.log(`Demo bucket:      ${DEMO_BUCKET} (folder ${DEMO_FOLDER}/) at ${server.endpoint}`);
  console.log(`EU bucket:        ${DEMO_EU_BUCKET} (${DEMO_EU_REGION}) at ${endpoints[DEMO_EU_REGION]}`);
  console.log(`Full access:      ${DEMO_ACCESS_KEY_ID} / ${DEMO_SECRET_ACCESS_KEY}`);
  console.log(`Folder-only:      ${DEMO_RESTRICTED_ACCESS_KEY_ID} / ${DEMO_RESTRICTED_SECRET_ACCESS_KEY}`);
}

main().catch((error: unknown) => {
  console.error("The S3 test server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
