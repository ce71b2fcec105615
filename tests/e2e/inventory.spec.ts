import { expect, test, type Page } from "@playwright/test";
import { baseUrl, chooseSandbox, signInAs } from "./support/sign-in";
import { simulator } from "./support/simulator";

// The inventory tests work in sandbox "dev", seeded with 1,000 connections, so the other specs
// (which use "prod") are unaffected.
test.describe.configure({ mode: "serial" });

async function useDevSandbox(page: Page) {
  await signInAs(page, "operator");
  await chooseSandbox(page, "dev");
}

async function remoteIdOf(page: Page, rowIndex: number): Promise<{ id: string; name: string }> {
  const link = page.getByTestId("inventory-row").nth(rowIndex).getByRole("link");
  const href = (await link.getAttribute("href")) ?? "";
  return { id: decodeURIComponent(href.split("/").pop() ?? ""), name: (await link.textContent()) ?? "" };
}

test.beforeAll(async () => {
  await simulator.seed(1000, "dev");
});

test.afterEach(async () => {
  await simulator.clearFaults();
});

test("sync imports 1,000 connections; search, filter and sort narrow them through the URL", async ({ page }) => {
  await useDevSandbox(page);
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText(/Synced 1,000 connections: 1,000 imported/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("inventory-total")).toContainText("1,000 connections");
  await expect(page.getByTestId("last-synced")).not.toHaveText("never");

  const first = await remoteIdOf(page, 0);
  await page.getByLabel("Search").fill(first.name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("inventory-row").first()).toContainText(first.name);

  await page.goto(`${baseUrl()}/connections?platform=aws&size=50`);
  const platforms = await page.getByTestId("inventory-row").locator("td:nth-child(3)").allTextContents();
  expect(platforms.length).toBeGreaterThan(0);
  expect(new Set(platforms)).toEqual(new Set(["AWS"]));
  // Flow Service never shows a session token: an AWS row has none to show (an IAM role), and an Azure
  // row the sync imported has one the console does not know of, so it does not claim there is none.
  const tokenCells = () => page.getByTestId("inventory-row").locator("td:nth-child(8)").allTextContents();
  expect(new Set(await tokenCells())).toEqual(new Set(["IAM role"]));
  // The row actions have a column of their own after Drift, named for screen readers.
  await expect(page.getByRole("columnheader")).toHaveCount(13);
  await expect(page.getByRole("columnheader").last()).toHaveText("Actions");
  // "none known" is explained once, under the table, and only on a page where a row reads it.
  const noneKnownNote = page.getByText(/Token “none known”: no session token was set through this console/);
  await expect(noneKnownNote).toHaveCount(0);
  await page.goto(`${baseUrl()}/connections?platform=azure&size=50`);
  expect(new Set(await tokenCells())).toEqual(new Set(["none known"]));
  await expect(noneKnownNote).toHaveCount(1);

  await page.goto(`${baseUrl()}/connections`);
  await page.getByRole("link", { name: "Bucket" }).click();
  await expect(page.getByRole("columnheader", { name: /Bucket/ })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("link", { name: /Bucket/ }).click();
  await expect(page).toHaveURL(/sort=bucketName&dir=desc/);
  const buckets = await page.getByTestId("inventory-row").locator("td:nth-child(5)").allTextContents();
  expect([...buckets].sort().reverse()).toEqual(buckets);
  // The view survives a reload.
  await page.reload();
  await expect(page.getByRole("columnheader", { name: /Bucket/ })).toHaveAttribute("aria-sort", "descending");
});

test("a page past the last one says so and leads back to the last page", async ({ page }) => {
  // A bookmark kept while the inventory shrank: 1,000 connections make ten pages of 100.
  await useDevSandbox(page);
  await page.goto(`${baseUrl()}/connections?size=100&page=12`);
  await expect(page.getByTestId("inventory-total")).toHaveText("1,000 connections · page 12, past the last (10)");
  await expect(page.getByText("This page is past the last one; the link below leads to the last page.")).toBeVisible();
  await expect(page.getByTestId("inventory-row")).toHaveCount(0);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Last page" }).click();
  await expect(page).toHaveURL(/page=10/);
  await expect(page.getByTestId("inventory-total")).toHaveText("1,000 connections · page 10 of 10");
  await expect(page.getByTestId("inventory-row")).toHaveCount(100);
});

test("rotate from the row, then after an out-of-band change: conflict, then retry", async ({ page }) => {
  await useDevSandbox(page);
  await page.goto(`${baseUrl()}/connections?platform=azure`);
  const target = await remoteIdOf(page, 0);
  await page.getByRole("button", { name: `Rotate ${target.name}` }).click();
  await page.getByLabel("New session token", { exact: true }).fill("e2e-rotated-token");
  await page.getByLabel("Expires at, UTC (optional)").fill("2030-06-01T08:00");
  await page.getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByText(`Session token of ${target.name} rotated.`)).toBeVisible();

  const other = await remoteIdOf(page, 1);
  await simulator.touch(other.id);
  await page.getByRole("button", { name: `Rotate ${other.name}` }).click();
  await page.getByLabel("New session token", { exact: true }).fill("e2e-token-after-conflict");
  await page.getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByText("The connection changed in Flow Service")).toBeVisible();
  await expect(page.getByTestId("conflict-changes")).toBeVisible();
  await page.getByRole("button", { name: "Apply to the latest version" }).click();
  await expect(page.getByText(`Session token of ${other.name} rotated.`)).toBeVisible();
});

test("bulk rotation starts a run on the server: one token, a result per row, one refused PATCH does not stop the others", async ({ page }) => {
  await useDevSandbox(page);
  await page.goto(`${baseUrl()}/connections?platform=azure&sort=name&dir=desc&size=10`);
  // The runs list is seen first, inside the page: the browser's router holds a copy of it from before the run.
  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/connections\?/);
  const rows = [await remoteIdOf(page, 0), await remoteIdOf(page, 1), await remoteIdOf(page, 2)];
  await simulator.fault({ method: "PATCH", pathPattern: `/connections/${rows[1]!.id}$`, kind: "status", status: 400, times: 1 });
  for (const row of rows) await page.getByLabel(`Select ${row.name}`).check();
  await page.getByRole("button", { name: "Rotate selected (3)" }).click();
  const dialog = page.getByRole("region", { name: "Rotate 3 selected connections" });
  await dialog.getByLabel("New session token", { exact: true }).fill("e2e-bulk-token");
  await dialog.getByRole("button", { name: "Start rotation run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("run-finished")).toHaveText("3 of 3 finished", { timeout: 30_000 });
  await expect(page.getByTestId("run-item").and(page.locator('[data-state="done"]'))).toHaveCount(2);
  const failed = page.getByTestId("run-item").and(page.locator('[data-state="failed"]'));
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText(rows[1]!.name);
  await expect(failed).toContainText("Flow Service rejected the request");
  // Starting the run revalidates nothing; the list, reached inside the page, is rendered afresh and shows it.
  const runUrl = page.url();
  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page.locator(`a[href="${new URL(runUrl).pathname}"]`)).toBeVisible();
});

test("on a narrow window the table scrolls inside its frame and the page keeps the window's width", async ({ page }) => {
  await page.setViewportSize({ width: 820, height: 900 });
  await useDevSandbox(page);
  await page.goto(`${baseUrl()}/connections?size=50`);
  await expect(page.getByTestId("inventory-row")).toHaveCount(50);
  // The rows' screen-reader labels (on their checkboxes and buttons) are positioned absolutely:
  // outside a positioned frame they were laid out against the page and widened it.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(820);
  const frame = page.getByRole("table").locator("xpath=..");
  expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test("a viewer sees the inventory but no sync or rotation controls", async ({ page }) => {
  await signInAs(page, "viewer");
  await chooseSandbox(page, "dev");
  await expect(page.getByTestId("inventory-total")).toContainText("1,000 connections");
  await expect(page.getByRole("button", { name: "Sync now" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Rotate/ })).toHaveCount(0);
  // Nor their columns: eleven headers, the last one Drift (an operator has a selection and an
  // actions column besides).
  const headers = page.getByRole("columnheader");
  await expect(headers).toHaveCount(11);
  await expect(headers.last()).toHaveText("Drift");
});
