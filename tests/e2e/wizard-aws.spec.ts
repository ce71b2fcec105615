import { expect, test } from "@playwright/test";
import { DEMO_BUCKET, DEMO_FOLDER } from "../../simulators/s3/demo";
import { baseUrl, signInAs } from "./support/sign-in";
import { openWizard } from "./support/wizard";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("AEP on AWS: the copied bucket policy names the role, bucket and folder, then the connection is created", async ({ page }) => {
  await signInAs(page, "operator");
  await openWizard(page, "AWS");
  await expect(page.getByLabel("Access key id")).toHaveCount(0);
  await page.getByLabel("Bucket name").fill(DEMO_BUCKET);
  await page.getByLabel("Folder path (optional)").fill(`${DEMO_FOLDER}/`);
  await page.getByRole("button", { name: "Next" }).click();

  const role = (await page.getByTestId("iam-role").textContent()) ?? "";
  expect(role).toMatch(/^arn:aws:iam::\d{12}:role\//);
  await page.getByRole("button", { name: "Copy policy" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const policy = JSON.parse(copied) as { Statement: { Principal: { AWS: string }; Action: string | string[]; Resource: string | string[]; Condition?: unknown }[] };
  const text = JSON.stringify(policy);
  for (const statement of policy.Statement) expect(statement.Principal.AWS).toBe(role);
  expect(text).toContain(`arn:aws:s3:::${DEMO_BUCKET}/${DEMO_FOLDER}/*`);
  expect(text).toContain(`"${DEMO_FOLDER}/"`);
  expect(text).not.toContain("s3:Get*");
  await expect(page.getByText(/stricter than Adobe/)).toBeVisible();

  // Back and forth keeps what was typed.
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel("Bucket name")).toHaveValue(DEMO_BUCKET);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();

  await page.getByLabel("Connection name").fill("AWS demo exports");
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created")).toBeVisible();
  await expect(page.getByRole("cell", { name: "IAMRole Based" }).first()).toBeVisible();

  // A second connection with the same name is refused at the step that can fix it.
  await openWizard(page, "AWS");
  await page.getByLabel("Bucket name").fill(DEMO_BUCKET);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Connection name").fill("AWS demo exports");
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Choose a name no other connection in this sandbox uses.")).toBeVisible();
  await page.goto(`${baseUrl()}/connections`);
  await expect(page.getByRole("link", { name: "AWS demo exports" })).toHaveCount(1);
});
