import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { baseUrl, signInAs } from "./support/sign-in";
import { simulator } from "./support/simulator";

// A run lives on the server: the page that started it can go away.
test.afterEach(async () => {
  await simulator.clearFaults();
});

test("start a run over a filter, close the page, and watch it finish from /runs in a new browser context", async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInAs(page, "operator");
  await page.getByTestId("current-sandbox").selectOption("dev");
  await expect(page.getByTestId("current-sandbox")).toHaveValue("dev");
  await page.goto(`${baseUrl()}/connections?platform=azure&q=acme-landing`);
  let total = Number((await page.getByTestId("inventory-total").textContent())?.match(/^(\d+)/)?.[1]);
  if (total === 0) {
    // Run on its own (without the inventory spec's seeded sandbox): seed "dev" and sync it.
    await simulator.seed(300, "dev");
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByText(/^Synced \d+ connections/)).toBeVisible({ timeout: 60_000 });
    await page.reload();
    total = Number((await page.getByTestId("inventory-total").textContent())?.match(/^(\d+)/)?.[1]);
  }
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
  await later.getByTestId("current-sandbox").selectOption("dev");
  await expect(later.getByTestId("current-sandbox")).toHaveValue("dev");
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
