// The page render gate (lib/render-gate) on the server `npm start` runs: instrumentation.ts installs
// it on Next's own HTTP server, so with PAGE_RENDER_CONCURRENCY=1 concurrent page loads are rendered
// one at a time (the later ones wait their turn), while the probes pass at once.
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../../scripts/free-port";
import { startNextServer, type NextServer } from "../../scripts/stack/next-server";

test.describe.configure({ timeout: 120_000 });

const METRICS_TOKEN = "render-gate-spec-metrics-token-0123456789";

let server: NextServer | undefined;
test.afterAll(async () => {
  await server?.stop();
});

function sample(metrics: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, "m").exec(metrics);
  if (!match) throw new Error(`${name} is not in the scrape`);
  return Number(match[1]);
}

test("npm start's server renders concurrent pages in turn", async () => {
  const env = JSON.parse(process.env.E2E_CONSOLE_ENV!) as Record<string, string>;
  const logFile = join(dirname(process.env.E2E_CONSOLE_LOG!), "console-render-gate.log");
  server = await startNextServer({
    port: await freePort(),
    host: "127.0.0.1",
    env: { ...env, SYNC_INTERVAL_SECONDS: "0", METRICS_TOKEN, PAGE_RENDER_CONCURRENCY: "1" },
    logFile,
  });
  const scrape = async () => (await fetch(`${server!.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const before = await scrape();

  // Each body read to its end: fetch resolves with the headers, while the server may still be
  // streaming the page and holding its place.
  const pages = await Promise.all(Array.from({ length: 6 }, async () => {
    const page = await fetch(`${server!.url}/sign-in`);
    return { status: page.status, signIn: (await page.text()).includes("Sign in") };
  }));
  expect(pages).toEqual(Array(6).fill({ status: 200, signIn: true }));
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

  const after = await scrape();
  const rendered = sample(after, "s3console_page_render_wait_seconds_count") - sample(before, "s3console_page_render_wait_seconds_count");
  const waited = sample(after, "s3console_page_render_wait_seconds_sum") - sample(before, "s3console_page_render_wait_seconds_sum");
  // Six renders through the gate (the probe and the scrapes pass beside it), and with one place
  // the last five each waited for the render before: their waits add up to more than nothing.
  expect(rendered).toBe(6);
  expect(waited).toBeGreaterThan(0);
  expect(sample(after, "s3console_page_renders_in_flight")).toBe(0);
  expect(sample(after, "s3console_page_renders_waiting")).toBe(0);
  expect(sample(after, "s3console_page_renders_refused_total")).toBe(0);
});
