import { expect, type Page } from "@playwright/test";
import { baseUrl } from "./sign-in";

export async function openWizard(page: Page, platform: "Azure" | "AWS") {
  await page.goto(`${baseUrl()}/connections/new`);
  await page.getByLabel(new RegExp(`Experience Platform on ${platform}`)).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Bucket name")).toBeVisible();
}

export async function fillAzureBucket(page: Page, values: { bucket: string; folder?: string; keyId: string; secret: string; token?: string; serviceUrl?: string }) {
  await page.getByLabel("Bucket name").fill(values.bucket);
  await page.getByLabel("Folder path (optional)").fill(values.folder ?? "");
  await page.getByLabel("Access key id").fill(values.keyId);
  await page.getByLabel("Secret access key", { exact: true }).fill(values.secret);
  if (values.token) await page.getByLabel("Session token (optional)").fill(values.token);
  if (values.serviceUrl) await page.getByLabel("Service URL (optional)").fill(values.serviceUrl);
}
