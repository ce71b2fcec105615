// The console server that `npm start` runs (scripts/stack/next-server.ts) gets the image's V8 heap
// limits (the Dockerfile's NODE_OPTIONS, checked by container.spec.ts): the flags reach the
// process and V8 applies them. The process renames its title, so /proc's command line no longer
// shows them; V8's own figure, on the metrics endpoint, does.
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../../scripts/free-port";
import { DEFAULT_HEAP_MB, SEMI_SPACE_MB } from "../../scripts/stack/config";
import { startNextServer, type NextServer } from "../../scripts/stack/next-server";

test.describe.configure({ timeout: 120_000 });

const METRICS_TOKEN = "server-memory-spec-metrics-token-0123456789";

let server: NextServer | undefined;
test.afterAll(async () => {
  await server?.stop();
});

test("npm start's server runs with the image's heap limits", async () => {
  const env = JSON.parse(process.env.E2E_CONSOLE_ENV!) as Record<string, string>;
  const logFile = join(dirname(process.env.E2E_CONSOLE_LOG!), "console-memory.log");
  server = await startNextServer({ port: await freePort(), host: "127.0.0.1", env: { ...env, SYNC_INTERVAL_SECONDS: "0", METRICS_TOKEN }, logFile });
  const metrics = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(metrics.status).toBe(200);
  const heapLimit = Number(/^s3console_heap_size_limit_bytes (\d+)$/m.exec(await metrics.text())?.[1]);
  // The old generation's limit plus three semi-spaces: 240 MB on Node 20 and 24 alike.
  expect(heapLimit).toBe((DEFAULT_HEAP_MB + 3 * SEMI_SPACE_MB) * 2 ** 20);
});
