import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { baseUrl, signInAs } from "./support/sign-in";
import { simulator } from "./support/simulator";

// Works on the local stack's dataflow demo (sandbox "prod"): "Demo: orders landing" feeds two
// healthy dataflows, "Demo: events landing" has an expired session token and a failing one. The
// last test rotates the failing connection, so the tests run in this order.
test.describe.configure({ mode: "serial" });

const HEALTHY = "Demo: orders landing (healthy dataflows)";
const FAILING = "Demo: events landing (expired session token)";

async function openConnection(page: Page, name: string) {
  await page.goto(`${baseUrl()}/connections?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test.afterEach(async () => {
  await simulator.clearFaults();
});

test("a viewer sees the dataflows of a connection: state, schedule, last run, and what is failing since when", async ({ page }) => {
  await signInAs(page, "viewer");
  await openConnection(page, HEALTHY);
  const panel = page.getByRole("region", { name: "Dataflows", exact: true });
  await expect(panel.getByTestId("dataflow-summary")).toHaveText("2 dataflows read through this connection; 0 failing.");
  const rows = panel.getByTestId("dataflow-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Orders to the data lake" })).toContainText("Every 15 minutes");
  await expect(rows.filter({ hasText: "Customers to the data lake" })).toContainText("Hourly");
  await expect(rows.first()).toContainText("succeeded");
  await expect(panel.getByRole("link", { name: /Orders to the data lake/ })).toHaveAttribute("href", /^https:\/\/experience\.adobe\.com\/#\/@.+\/sname:prod\/platform\/source\/dataflows\/[\w-]+\/activity$/);

  await openConnection(page, FAILING);
  await expect(panel.getByTestId("dataflow-summary")).toHaveText("1 dataflow reads through this connection; 1 failing.");
  const failing = panel.getByTestId("dataflow-row");
  await expect(failing).toContainText("Events to the data lake");
  await expect(failing).toContainText("failed");
  await expect(failing).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(failing.getByTestId("dataflow-error")).toContainText("ExpiredToken: The provided token has expired.");
  await expectNoAxeViolations(page, "the dataflow panel");
  await panel.getByRole("button", { name: "Refresh" }).click();
  await expect(panel.getByTestId("dataflow-summary")).toContainText("1 failing");
});

test("the inventory counts dataflows and filters the connections that have failing ones, in the URL", async ({ page }) => {
  await signInAs(page, "viewer");
  await page.goto(`${baseUrl()}/connections?q=Demo%3A`);
  const healthyRow = page.getByTestId("inventory-row").filter({ hasText: HEALTHY });
  const failingRow = page.getByTestId("inventory-row").filter({ hasText: FAILING });
  await expect(healthyRow.getByTestId("dataflows-cell")).toHaveText(/^2\s*ok$/);
  await expect(failingRow.getByTestId("dataflows-cell")).toHaveText(/^1\s*1 failing$/);

  await page.getByLabel("Has failing dataflows").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/dataflows=failing/);
  await expect(page.getByTestId("inventory-row").filter({ hasText: FAILING })).toHaveCount(1);
  await expect(page.getByTestId("inventory-row").filter({ hasText: HEALTHY })).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Has failing dataflows")).toBeChecked();

  await page.goto(`${baseUrl()}/connections?q=Demo%3A&sort=dataflows&dir=desc`);
  await expect(page.getByTestId("inventory-row").first()).toContainText(FAILING);
});

test("when the runs endpoint fails, the page and the dataflows still show, and the panel says what is missing", async ({ page }) => {
  await signInAs(page, "viewer");
  await simulator.fault({ method: "GET", pathPattern: "/runs$", kind: "status", status: 503, times: 500 });
  await openConnection(page, HEALTHY);
  const panel = page.getByRole("region", { name: "Dataflows", exact: true });
  await expect(panel.getByTestId("dataflow-problems")).toContainText("could not be loaded: Flow Service is unavailable (HTTP 503)");
  await expect(panel.getByTestId("dataflow-row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Test connection" })).toBeVisible();
});

test("the delete warning names the dataflows that will stop", async ({ page }) => {
  await signInAs(page, "admin");
  await openConnection(page, HEALTHY);
  const zone = page.getByRole("region", { name: "Danger zone" });
  await expect(zone.getByText("Deleting stops 2 dataflows")).toBeVisible();
  await expect(zone.getByTestId("delete-impact")).toContainText("Customers to the data lake");
  await expect(zone.getByTestId("delete-impact")).toContainText("Orders to the data lake");
});

test("after Rotate now, the failing dataflow's next run is awaited, then shown green", async ({ page }) => {
  await signInAs(page, "operator");
  await openConnection(page, FAILING);
  await page.getByRole("button", { name: `Rotate now ${FAILING} with STS` }).click();
  await expect(page.getByText(new RegExp(`Minted new credentials for ${FAILING.replace(/[()]/g, "\\$&")}`))).toBeVisible();
  const check = page.getByTestId("rotation-dataflow-check");
  await expect(check).toHaveAttribute("data-verdict", "waiting");
  await expect(check).toContainText("Events to the data lake");
  await expect(check).toContainText("next run due");

  await simulator.advanceClock(15 * 60);
  await check.getByRole("button", { name: "Check again" }).click();
  await expect(check).toHaveAttribute("data-verdict", "recovered");
  await expect(check).toContainText("succeeded");
  await expectNoAxeViolations(page, "the check after rotation");
});
