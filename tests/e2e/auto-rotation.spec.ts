// Zero-click rotation in the browser: an operator gives a connection a rotation source and turns
// automatic rotation on; with nobody clicking "Rotate now", the connection page shows the four
// steps done, and "Next 24 hours" lists its new token as renewed automatically.
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { baseUrl, signInAs } from "./support/sign-in";
import { createThroughWizard } from "./support/wizard";

const ROLE = "arn:aws:iam::000000000000:role/aep-s3-rotation";

test("set a policy, watch the four steps complete on their own, and see the token as automatic in Next 24 hours", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, "operator");
  const name = `Auto ${Date.now()}`;
  const { url } = await createThroughWizard(page, name);
  await page.goto(url);
  const panel = page.getByTestId("auto-rotation");
  // The e2e sandboxes' default is off, and without a source the page says a person is needed.
  await expect(panel).toContainText("No rotation source: needs a person");

  await page.getByLabel("IAM role to assume").fill(ROLE);
  await page.getByLabel("Duration in seconds (optional)").fill("3600");
  await page.getByRole("button", { name: "Save rotation source" }).click();
  await expect(page.getByText("Rotation source saved.")).toBeVisible();
  await page.reload();
  await expect(panel).toContainText("Automatic rotation is off: needs a person");
  // Off has nothing to pause: the button comes with the policy.
  await expect(panel.getByRole("button", { name: "Pause automatic rotation" })).toHaveCount(0);

  const policy = page.getByRole("form", { name: "Rotation policy" });
  await policy.getByLabel("On").check();
  await policy.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Rotation policy saved.")).toBeVisible();

  // Nobody clicks: the planner finds it due (its expiry is unknown) and rotates it.
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId("rotation-steps").locator('[data-status="done"]')).toHaveCount(4, { timeout: 1_000 });
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000] });
  for (const step of ["mint", "set", "test", "finish"]) await expect(panel.locator(`[data-step="${step}"]`)).toHaveAttribute("data-status", "done");
  await expect(panel).toContainText(/Automatic: rotates at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await expect(panel.getByTestId("last-attempt")).toContainText("success");
  await expectNoAxeViolations(page, "the connection page", "all");

  // The new token lives an hour: it is in the next 24 hours, renewed without anyone.
  await page.goto(`${baseUrl()}/upcoming`);
  const row = page.getByTestId("upcoming-row").filter({ hasText: name });
  await expect(row).toHaveAttribute("data-automatic", "true");
  await expect(row).toContainText(/Automatic: rotates at/);
  // The sidebar counts it among the tokens expiring, without asking anyone to rotate it: only the
  // red badge asks for a person.
  await expect(page.getByTestId("tokens-needing-rotation")).toHaveText(/^\d+ tokens? expiring$/);
  await expectNoAxeViolations(page, "Next 24 hours", "all");

  // Pausing is one click, and the view then says so.
  await page.goto(url);
  await page.getByRole("button", { name: "Pause automatic rotation" }).click();
  await expect(page.getByText("Automatic rotation paused.")).toBeVisible();
  await page.goto(`${baseUrl()}/upcoming`);
  await expect(page.getByTestId("upcoming-row").filter({ hasText: name })).toHaveAttribute("data-status", "paused");
});
