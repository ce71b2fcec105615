import { expect, test } from "@playwright/test";
import { DEMO_BUCKET } from "../../simulators/s3/demo";
import { expectNoAxeViolations } from "./support/axe";
import { baseUrl, signInAs } from "./support/sign-in";

test("sign-in passes axe", async ({ page }) => {
  await page.goto(`${baseUrl()}/sign-in`);
  await expectNoAxeViolations(page, "sign-in");
});

test("the console pages and every wizard step pass axe", async ({ page }) => {
  await signInAs(page, "admin");
  for (const path of ["/connections", "/runs", "/audit", "/settings"]) {
    await page.goto(`${baseUrl()}${path}`);
    await expectNoAxeViolations(page, path);
  }
  await page.goto(`${baseUrl()}/connections/new`);
  await expectNoAxeViolations(page, "wizard: platform");
  await page.getByLabel(/Experience Platform on AWS/).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Bucket name").fill("Bad_Name");
  await page.getByRole("button", { name: "Next" }).click();
  await expectNoAxeViolations(page, "wizard: bucket with errors");
  await page.getByLabel("Bucket name").fill(DEMO_BUCKET);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("bucket-policy")).toBeVisible();
  await expectNoAxeViolations(page, "wizard: grant access");
  await page.getByRole("button", { name: "Next" }).click();
  await expectNoAxeViolations(page, "wizard: review");
});

test("the wizard works with the keyboard alone", async ({ page }) => {
  await signInAs(page, "operator");
  await page.goto(`${baseUrl()}/connections/new`);
  // Focus the first radio, pick AWS with the arrow key, submit the step with Enter.
  await page.getByLabel(/Experience Platform on Azure/).focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel(/Experience Platform on AWS/)).toBeChecked();
  await page.keyboard.press("Enter");
  // The next step takes the focus; Tab leads into its first field.
  await expect(page.getByLabel("Step 2: Bucket")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Bucket name")).toBeFocused();
  await page.keyboard.type(DEMO_BUCKET);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Folder path (optional)")).toBeFocused();
  await page.keyboard.type("exports/2026");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("bucket-policy")).toBeVisible();
});
