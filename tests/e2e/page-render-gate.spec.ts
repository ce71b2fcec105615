// The page render gate (lib/render-gate) on the server `npm start` runs: instrumentation.ts installs
// it on Next's own HTTP server, so with PAGE_RENDER_CONCURRENCY=1 concurrent page loads are rendered
// one at a time (the later ones wait their turn), while the probes pass at once, and a connection's
// page gives its place back while it waits on Flow Service.
import { dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../../scripts/free-port";
import { startNextServer, type NextServer } from "../../scripts/stack/next-server";
import { baseUrl, signInAs } from "./support/sign-in";
import { simulator } from "./support/simulator";
import { createThroughWizard } from "./support/wizard";

test.describe.configure({ timeout: 120_000 });

const METRICS_TOKEN = "render-gate-spec-metrics-token-0123456789";

let server: NextServer | undefined;
test.beforeAll(async () => {
  const env = JSON.parse(process.env.E2E_CONSOLE_ENV!) as Record<string, string>;
  const logFile = join(dirname(process.env.E2E_CONSOLE_LOG!), "console-render-gate.log");
  server = await startNextServer({
    port: await freePort(),
    host: "127.0.0.1",
    env: { ...env, SYNC_INTERVAL_SECONDS: "0", METRICS_TOKEN, PAGE_RENDER_CONCURRENCY: "1" },
    logFile,
  });
});
test.afterAll(async () => {
  await server?.stop();
});

const scrape = async () => (await fetch(`${server!.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

function sample(metrics: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, "m").exec(metrics);
  if (!match) throw new Error(`${name} is not in the scrape`);
  return Number(match[1]);
}

test("npm start's server renders concurrent pages in turn", async () => {
  const before = await scrape();

  // Each body read to its end: fetch resolves with the headers, while the server may still be
  // streaming the page and holding its place.
  const pages = await Promise.all(Array.from({ length: 6 }, async () => {
    const page = await fetch(`${server!.url}/sign-in`);
    return { status: page.status, signIn: (await page.text()).includes("Sign in") };
  }));
  expect(pages).toEqual(Array(6).fill({ status: 200, signIn: true }));
  expect((await fetch(`${server!.url}/api/health`)).status).toBe(200);

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

// Both ways a connection's page is asked for: a document (a link opened or a reload) and the RSC
// payload of in-app navigation (a click in the inventory).
for (const [asked, headers] of [["as a document", {}], ["as an RSC payload", { rsc: "1" }]] as const) {
  test(`a connection's page ${asked} waiting on Flow Service lets the next page render once its shell is sent`, async ({ page }) => {
    // The session cookie of the e2e console is good on this server too: same secret, same host.
    await signInAs(page, "operator");
    const { url, remoteId } = await createThroughWizard(page, `Render gate ${Date.now()}`);
    const cookie = (await page.context().cookies(baseUrl())).map(({ name, value }) => `${name}=${value}`).join("; ");
    await simulator.fault({ method: "GET", pathPattern: `/connections/${remoteId}$`, kind: "latency", latencyMs: 8_000 });

    // The connection's page, read as it streams: its shell first, its live column 8 s later.
    const events: string[] = [];
    const connectionPage = await fetch(`${server!.url}${new URL(url).pathname}`, { headers: { ...headers, cookie } });
    expect(connectionPage.status).toBe(200);
    const body = connectionPage.text().then((text) => {
      events.push("connection page ended");
      return text;
    });

    // With one place, the inventory is rendered while that page still waits on Flow Service.
    const inventory = await fetch(`${server!.url}/connections`, { headers: { cookie } });
    expect(inventory.status).toBe(200);
    expect(await inventory.text()).toContain("inventory-total");
    events.push("inventory ended");

    const text = await body;
    expect(events).toEqual(["inventory ended", "connection page ended"]);
    expect(text).toContain(remoteId);
    expect(text).not.toContain("Live fields unavailable");
    expect(sample(await scrape(), "s3console_page_renders_in_flight")).toBe(0);
  });
}
