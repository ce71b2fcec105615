import { expect, type Page } from "@playwright/test";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_SECRET_ACCESS_KEY } from "../../../simulators/s3/demo";
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

/** Creates a connection on the whole demo bucket through the wizard; returns its detail URL and id. */
export async function createThroughWizard(page: Page, name: string): Promise<{ url: string; remoteId: string }> {
  await openWizard(page, "Azure");
  await fillAzureBucket(page, { bucket: DEMO_BUCKET, folder: "", keyId: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY });
  await page.getByRole("button", { name: "Check bucket access" }).click();
  await expect(page.getByText("S3 accepted these credentials")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Connection name").fill(name);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created")).toBeVisible();
  const remoteId = (await page.getByTestId("created-id").textContent()) ?? "";
  return { url: `${baseUrl()}/connections/${encodeURIComponent(remoteId)}`, remoteId };
}
