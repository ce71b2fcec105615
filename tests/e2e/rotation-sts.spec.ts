import { expect, test } from "@playwright/test";
import { baseUrl, signInAs } from "./support/sign-in";
import { createThroughWizard } from "./support/wizard";

const ROLE = "arn:aws:iam::000000000000:role/aep-s3-rotation";
const UNTRUSTED = "arn:aws:iam::000000000000:role/aep-s3-untrusted";

test("one-click rotation: a rotation source, then Rotate now mints credentials with STS, from the page and the row", async ({ page }) => {
  await signInAs(page, "operator");
  const name = `STS ${Date.now()}`;
  const { url, remoteId } = await createThroughWizard(page, name);
  await page.goto(url);

  await page.getByLabel("IAM role to assume").fill("not-an-arn");
  await page.getByRole("button", { name: "Save rotation source" }).click();
  await expect(page.getByRole("form", { name: "Rotation source" }).getByRole("alert").first()).toBeVisible();
  await page.getByLabel("IAM role to assume").fill(ROLE);
  await page.getByLabel("Duration in seconds (optional)").fill("3600");
  await page.getByRole("button", { name: "Save rotation source" }).click();
  await expect(page.getByText("Rotation source saved.")).toBeVisible();

  await page.getByRole("button", { name: `Rotate now ${name} with STS` }).click();
  await expect(page.getByText(new RegExp(`Minted new credentials for ${name} with STS until`))).toBeVisible();
  // The minted credentials really work: Flow Service reaches the bucket with them.
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(/Flow Service reached the bucket/)).toBeVisible();

  await page.goto(`${baseUrl()}/connections?q=${encodeURIComponent(name)}`);
  await page.getByRole("button", { name: `Rotate now ${name} with STS` }).click();
  await expect(page.getByText(new RegExp(`Minted new credentials for ${name}`))).toBeVisible();

  // This connection's rotations: other connections (the demo's automatic one) rotate meanwhile.
  await page.goto(`${baseUrl()}/audit?action=connection.rotate_sts&connection=${encodeURIComponent(remoteId)}`);
  await expect(page.getByRole("cell", { name: "connection.rotate_sts" })).toHaveCount(2);
  // Each event leads back to the connection's page.
  await page.getByRole("table", { name: "Audit events, newest first" }).getByRole("link", { name, exact: true }).first().click();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("a role that does not trust the console is explained, and nothing changes", async ({ page }) => {
  await signInAs(page, "operator");
  const name = `STS untrusted ${Date.now()}`;
  const { url } = await createThroughWizard(page, name);
  await page.goto(url);
  await page.getByLabel("IAM role to assume").fill(UNTRUSTED);
  await page.getByRole("button", { name: "Save rotation source" }).click();
  await expect(page.getByText("Rotation source saved.")).toBeVisible();
  await page.getByRole("button", { name: `Rotate now ${name} with STS` }).click();
  await expect(page.getByRole("alert").filter({ hasText: /trust/i })).toBeVisible();
  // Audited as a failure; the stored and live etags still agree (nothing was patched).
  await page.reload();
  const history = page.getByRole("listitem").filter({ hasText: "connection.rotate_sts" });
  await expect(history).toContainText("failure");
  const etags = page.getByRole("row", { name: /Etag/ }).getByRole("cell");
  expect(await etags.nth(0).textContent()).toBe(await etags.nth(1).textContent());
});
