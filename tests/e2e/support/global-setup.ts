// Starts the same stack as `npm start` (fresh data folder, free ports, production build) and the
// accounts the tests sign in with. Workers read the URLs from the environment set here.
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, freeStackPorts } from "../../../scripts/free-port";
import { startStack } from "../../../scripts/stack/start-stack";
import { CANARY, E2E_USERS } from "./users";

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), "s3console-e2e-"));
  // The embedded PostgreSQL runs as the system user "postgres" when the tests run as root.
  chmodSync(dataDir, 0o755);
  // The port the webhook spec's receiver listens on: an origin the console may deliver to only
  // because it is listed in OUTBOUND_ALLOW, as an administrator would list it.
  const webhookPort = await freePort();
  process.env.E2E_WEBHOOK_PORT = String(webhookPort);
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    ...(await freeStackPorts()),
    STS_ENDPOINT: undefined,
    ADMIN_EMAIL: E2E_USERS.admin.email,
    ADMIN_PASSWORD: E2E_USERS.admin.password,
    // Tests talk to the local simulators, never to a real Flow Service configured in the shell.
    FLOW_SERVICE_URL: undefined,
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    // Tests seed and sync explicitly; a background sync would race with their assertions.
    SYNC_INTERVAL_SECONDS: "0",
    // An origin an administrator allowed but where nothing listens (the wizard's unreachable-
    // endpoint test); the stack appends the services it starts, as `npm start` does.
    OUTBOUND_ALLOW: `http://127.0.0.1:9,http://127.0.0.1:${webhookPort}`,
    // The server log (searched for canary secrets) then holds every Flow Service call too.
    LOG_LEVEL: "debug",
    LOG_FORMAT: "json",
    // The planner looks every 2 s, so a policy set in a test is acted on at once.
    ROTATION_PLAN_SECONDS: "2",
  };
  const consoleLog = join(dataDir, "console.log");
  const stack = await startStack({ env, build: false, consoleLogFile: process.env.E2E_CONSOLE_LOGS ? undefined : consoleLog });
  // An S3 account whose secrets are canaries: the secrets test drives the wizard with it.
  stack.services.s3.setAccount(CANARY.accessKeyId, { secretAccessKey: CANARY.secretAccessKey, sessionToken: CANARY.sessionToken, displayName: "canary", allow: [{ action: "s3:*", bucket: "*" }] });
  const { createUser } = await import("../../../lib/users/accounts");
  const { disconnectDb } = await import("../../../lib/db");
  for (const role of ["operator", "viewer"] as const) {
    await createUser({ email: E2E_USERS[role].email, name: `E2E ${role}`, role, password: E2E_USERS[role].password });
  }
  // Automatic rotation off by default here: only what a test (or the demo) switches on rotates by
  // itself, so rotations the other tests count are theirs alone.
  const { db } = await import("../../../lib/db");
  for (const sandboxName of ["prod", "dev"]) {
    await db.sandboxRotationDefault.upsert({ where: { sandboxName }, create: { sandboxName, enabled: false }, update: { enabled: false } });
  }
  await disconnectDb();

  process.env.E2E_BASE_URL = stack.consoleUrl.replace("localhost", "127.0.0.1");
  process.env.E2E_SIMULATOR_URL = stack.services.flowServiceUrl ?? "";
  process.env.E2E_S3_ENDPOINT = stack.services.s3Endpoint;
  process.env.E2E_CONSOLE_LOG = consoleLog;
  process.env.E2E_DATABASE_DUMP_URL = stack.databaseUrl;
  process.env.E2E_AUTH_SECRET = stack.consoleEnv.AUTH_SECRET;
  // Everything a second console instance needs to share this one's database and simulators.
  process.env.E2E_CONSOLE_ENV = JSON.stringify(stack.consoleEnv);
  return async () => {
    await stack.stop();
  };
}
