import { expect, test } from "@playwright/test";
import { DEMO_BUCKET } from "../../simulators/s3/demo";
import { expectNoAxeViolations } from "./support/axe";
import { baseUrl, signInAs } from "./support/sign-in";
import { simulator } from "./support/simulator";
import { createThroughWizard } from "./support/wizard";

// The e2e stack is shared by every spec file: each test makes its own uniquely named connection.
const unique = (label: string) => `Detail ${label} ${Date.now()}`;


test("Test connection reaches the bucket; the folder browser descends and climbs back", async ({ page }) => {
  await signInAs(page, "operator");
  const name = unique("browse");
  await createThroughWizard(page, name);
  // The tab says which connection it is.
  await expect(page).toHaveTitle(`${name} · S3 Source Console`);

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("Flow Service reached the bucket")).toBeVisible();
  await expect(page.getByTestId("test-request-id")).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.getByText("connection.test")).toBeVisible();

  const items = page.getByTestId("folder-items");
  await page.getByRole("button", { name: "Open folder exports" }).click();
  await page.getByRole("button", { name: "Open folder 2026" }).click();
  await expect(items.getByText("customers.csv", { exact: true })).toBeVisible();
  const breadcrumb = page.getByTestId("folder-breadcrumb");
  await expect(breadcrumb).toContainText("exports");
  await expect(breadcrumb).toContainText("2026");

  await breadcrumb.getByRole("button", { name: DEMO_BUCKET }).click();
  await expect(page.getByRole("button", { name: "Open folder exports" })).toBeVisible();
  await expect(items.getByText("customers.csv", { exact: true })).toHaveCount(0);
});

test("a slow Flow Service holds only the live column: the stored fields, panels and history show first", async ({ page }) => {
  await signInAs(page, "operator");
  const name = unique("slow");
  const { url, remoteId } = await createThroughWizard(page, name);
  // The page's next read of this connection takes 8 s (Flow Service's deadline is 10 s).
  await simulator.fault({ method: "GET", pathPattern: `/connections/${remoteId}$`, kind: "latency", latencyMs: 8_000 });
  await page.goto(url, { waitUntil: "commit" });

  const fields = page.getByRole("region", { name: "Stored and live fields" });
  const etagRow = fields.getByRole("row", { name: /^Etag/ });
  // The live column still reads while the rest of the page is there: it did not wait for Flow Service.
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Test connection" })).toBeVisible();
  await expect(etagRow).toContainText("Reading…");
  await expect(fields.getByText("Reading…")).toHaveCount(7);

  // Then Flow Service answers and its column fills in, with no warning (nothing changed elsewhere).
  await expect(fields.getByText("Reading…")).toHaveCount(0, { timeout: 20_000 });
  const etags = await etagRow.getByRole("cell").allTextContents();
  expect(etags).toHaveLength(2);
  expect(etags[1]).toBe(etags[0]);
  await expect(page.getByText("Changed outside the console")).toHaveCount(0);
  await expect(page.getByText("Live fields unavailable")).toHaveCount(0);
});

test("a Flow Service that cannot read the connection leaves the stored fields and says why", async ({ page }) => {
  await signInAs(page, "operator");
  const { url, remoteId } = await createThroughWizard(page, unique("unreadable"));
  await simulator.fault({ method: "GET", pathPattern: `/connections/${remoteId}$`, kind: "status", status: 404 });
  await page.goto(url);

  await expect(page.getByText("Live fields unavailable")).toBeVisible();
  const cells = await page.getByRole("region", { name: "Stored and live fields" }).getByRole("row", { name: /^Flow Service id/ }).getByRole("cell").allTextContents();
  expect(cells).toEqual([remoteId, "—"]);
});

test("an operator renames it; an out-of-band change then makes a save a conflict; no delete for operators", async ({ page }) => {
  await signInAs(page, "operator");
  const { remoteId } = await createThroughWizard(page, unique("rename"));
  await expect(page.getByRole("button", { name: "Delete connection" })).toHaveCount(0);

  const renamed = unique("renamed");
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByLabel("Description (optional)").fill("Renamed by the e2e test");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: renamed })).toBeVisible();
  await expect(page.getByText("connection.edit")).toBeVisible();

  await simulator.touch(remoteId);
  const late = unique("too late");
  await page.getByLabel("Name", { exact: true }).fill(late);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("since you loaded it; reload to see the changes")).toBeVisible();
  await expect(page.getByRole("heading", { name: renamed })).toBeVisible();
  // After a reload shows the drift, the user may knowingly save against the newer version.
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByText("Changed outside the console")).toBeVisible();
  await page.getByRole("button", { name: "Save over the latest version" }).click();
  await expect(page.getByRole("heading", { name: late })).toBeVisible();
  await expect(page.getByText("Changed outside the console")).toHaveCount(0);
});

test("a viewer may test and browse but sees no edit or delete controls", async ({ page, browser }) => {
  await signInAs(page, "operator");
  const { url } = await createThroughWizard(page, unique("viewer"));

  const viewer = await browser.newPage();
  await signInAs(viewer, "viewer");
  await viewer.goto(url);
  await expect(viewer.getByRole("button", { name: "Test connection" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Open folder exports" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(viewer.getByLabel("Name", { exact: true })).toHaveCount(0);
  await expect(viewer.getByRole("heading", { name: "Danger zone" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete connection" })).toHaveCount(0);
  await viewer.close();
});

test("an admin deletes it after typing its exact name and lands on the inventory without it", async ({ page }) => {
  await signInAs(page, "admin");
  const name = unique("delete");
  const { url } = await createThroughWizard(page, name);
  // The inventory search finds it now, so finding nothing after the delete means something.
  const search = `${baseUrl()}/connections?q=${encodeURIComponent(name)}`;
  await page.goto(search);
  await expect(page.getByRole("link", { name })).toHaveCount(1);
  await page.goto(url);

  const remove = page.getByRole("button", { name: "Delete connection" });
  const confirm = page.getByLabel("Type the connection's name to confirm");
  await expect(remove).toBeDisabled();
  await confirm.fill(name.toUpperCase());
  await expect(remove).toBeDisabled();
  await confirm.fill(name);
  await expect(remove).toBeEnabled();
  // Every widget is on the page for an admin: check them all for accessibility at once.
  await expectNoAxeViolations(page, "the connection page of an admin");
  await remove.click();

  await expect(page).toHaveURL(`${baseUrl()}/connections`);
  await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  await page.goto(search);
  await expect(page.getByTestId("inventory-total")).toBeVisible();
  await expect(page.getByRole("link", { name })).toHaveCount(0);

  // Its old address says it is gone, inside the console (the sidebar stays), with a way back.
  const gone = await page.goto(url);
  expect(gone?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Connection not found · S3 Source Console");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.getByRole("link", { name: "Back to Connections" }).click();
  await expect(page.getByTestId("inventory-total")).toBeVisible();
  // An address the console has no page for at all: a page of its own, with a link back too.
  await page.goto(`${baseUrl()}/no-such-page`);
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Go to Connections" }).click();
  await expect(page.getByTestId("inventory-total")).toBeVisible();
});
