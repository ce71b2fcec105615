import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { baseUrl, chooseSandbox, signInAs } from "./support/sign-in";
import { simulator } from "./support/simulator";

// A run lives on the server: the page that started it can go away.
test.afterEach(async () => {
  await simulator.clearFaults();
});

/** Opens the "dev" sandbox's inventory at `query` as an operator; returns how many rows match. */
async function devInventory(page: Page, query: string): Promise<number> {
  await signInAs(page, "operator");
  await chooseSandbox(page, "dev");
  await page.goto(`${baseUrl()}/connections?${query}`);
  const shownTotal = async () => Number((await page.getByTestId("inventory-total").textContent())?.match(/^(\d+)/)?.[1]);
  const total = await shownTotal();
  if (total > 0) return total;
  // Run on its own (without the inventory spec's seeded sandbox): seed "dev" and sync it.
  await simulator.seed(300, "dev");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/^Synced \d+ connections/)).toBeVisible({ timeout: 60_000 });
  await page.reload();
  return shownTotal();
}

test("start a run over a filter, close the page, and watch it finish from /runs in a new browser context", async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  const total = await devInventory(page, "platform=azure&q=acme-landing");
  expect(total).toBeGreaterThan(10);
  // Each PATCH takes 150 ms: the run outlives the page that starts it.
  await simulator.fault({ method: "PATCH", kind: "latency", latencyMs: 150, times: 10_000 });
  await page.getByRole("button", { name: `Rotate all ${total} matching…` }).click();
  const dialog = page.getByRole("region", { name: `Rotate all ${total} connections matching this view` });
  await dialog.getByLabel("New session token", { exact: true }).fill("e2e-run-token");
  await dialog.getByRole("button", { name: "Start rotation run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runUrl = page.url();
  await first.close();

  const second = await browser.newContext();
  const later = await second.newPage();
  await signInAs(later, "viewer");
  await chooseSandbox(later, "dev");
  await later.goto(`${baseUrl()}/runs`);
  const row = later.getByTestId("run-row").first();
  await expect(row).toContainText(`${total} × one session token`);
  await row.getByRole("link").click();
  await expect(later).toHaveURL(runUrl);
  await expect(later.getByTestId("run-finished")).toHaveText(`${total} of ${total} finished`, { timeout: 60_000 });
  await expect(later.getByTestId("run-counts").locator('[data-state="done"]')).toHaveAttribute("data-count", String(total));
  // A viewer follows runs but cannot cancel or retry them.
  await expect(later.getByRole("button", { name: /Cancel|Retry/ })).toHaveCount(0);
  await expectNoAxeViolations(later, "the run page", "all");
  await second.close();
});

test("a run page seen earlier shows the server's figures when visited again, not the earlier visit's copy", async ({ page }) => {
  expect(await devInventory(page, "platform=azure&sort=name&size=10")).toBeGreaterThan(3);
  // Slow PATCHes: the run is still under way while its page is first seen.
  await simulator.fault({ method: "PATCH", kind: "latency", latencyMs: 3_000, times: 3 });
  for (let row = 0; row < 3; row++) await page.getByRole("checkbox", { name: /^Select / }).nth(row).check();
  await page.getByRole("button", { name: "Rotate selected (3)" }).click();
  const dialog = page.getByRole("region", { name: "Rotate 3 selected connections" });
  await dialog.getByLabel("New session token", { exact: true }).fill("e2e-revisit-token");
  await dialog.getByRole("button", { name: "Start rotation run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const runUrl = page.url();
  await expect(page.getByTestId("run-finished")).toHaveText("0 of 3 finished");

  // Leave inside the page (the browser keeps the console's query cache) and wait for the run's end.
  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect.poll(async () => (await (await page.request.get(runUrl)).text()).replaceAll("<!-- -->", ""), { timeout: 30_000 }).toContain("3 of 3 finished");

  // Hold back the page's own refreshes (server action calls to the run's URL): what shows at once
  // is what the visit starts from.
  await page.route(runUrl, async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 5_000));
    await route.continue().catch(() => undefined);
  });
  await page.locator(`a[href="${new URL(runUrl).pathname}"]`).click();
  await expect(page).toHaveURL(runUrl);
  await expect(page.getByTestId("run-finished")).toHaveText("3 of 3 finished", { timeout: 2_000 });
  await page.unrouteAll({ behavior: "ignoreErrors" });
});
