import { expect, test } from "@playwright/test";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_BUCKET,
  DEMO_EU_BUCKET,
  DEMO_EXPIRED_ACCESS_KEY_ID,
  DEMO_EXPIRED_SECRET_ACCESS_KEY,
  DEMO_EXPIRED_SESSION_TOKEN,
  DEMO_FOLDER,
  DEMO_OTHER_FOLDER,
  DEMO_RESTRICTED_ACCESS_KEY_ID,
  DEMO_RESTRICTED_SECRET_ACCESS_KEY,
  DEMO_SECRET_ACCESS_KEY,
} from "../../simulators/s3/demo";
import { baseUrl, signInAs } from "./support/sign-in";
import { fillAzureBucket, openWizard } from "./support/wizard";

test.beforeEach(async ({ page }) => {
  await signInAs(page, "operator");
});

test("AEP on Azure: from New connection to a created, verified connection", async ({ page }) => {
  await openWizard(page, "Azure");
  await fillAzureBucket(page, { bucket: DEMO_BUCKET, folder: `/${DEMO_FOLDER}/`, keyId: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY });
  await page.getByRole("button", { name: "Check bucket access" }).click();
  await expect(page.getByText("S3 accepted these credentials")).toBeVisible();
  await expect(page.getByText(/customers\.csv/)).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page.getByLabel("Connection name")).toHaveValue(`S3 ${DEMO_BUCKET}/${DEMO_FOLDER}`);
  const summary = page.getByTestId("review-summary");
  await expect(summary).toContainText("set (hidden)");
  await expect(summary).not.toContainText(DEMO_SECRET_ACCESS_KEY);
  await page.getByLabel("Connection name").fill("Azure demo exports");
  await page.getByRole("button", { name: "Create connection" }).dblclick();

  await expect(page.getByText("Connection created")).toBeVisible();
  await expect(page.getByTestId("created-id")).toHaveText(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId("created-etag")).toHaveText(/^".+"$/);
  await expect(page.getByRole("heading", { name: "Azure demo exports" })).toBeVisible();
  await expect(page.getByText("connection.create")).toBeVisible();

  // The double click made exactly one connection.
  await page.goto(`${baseUrl()}/connections`);
  await expect(page.getByRole("link", { name: "Azure demo exports" })).toHaveCount(1);
});

test("a pasted s3:// URI is split into bucket and folder, and naming rules are named in words", async ({ page }) => {
  await openWizard(page, "Azure");
  await page.getByLabel("Bucket name").fill(`s3://${DEMO_BUCKET}/${DEMO_FOLDER}/`);
  await page.getByLabel("Folder path (optional)").focus();
  await expect(page.getByLabel("Bucket name")).toHaveValue(DEMO_BUCKET);
  await expect(page.getByLabel("Folder path (optional)")).toHaveValue(DEMO_FOLDER);
  await expect(page.getByText(/Recognised an s3:\/\/ URI/)).toBeVisible();

  await page.getByLabel("Bucket name").fill("My_Bucket..x");
  const rules = page.getByTestId("bucket-rules");
  await expect(rules).toContainText(/uppercase/i);
  await expect(rules).toContainText(/underscore/i);
});

const failures = [
  {
    name: "wrong secret",
    input: { bucket: DEMO_BUCKET, folder: DEMO_FOLDER, keyId: DEMO_ACCESS_KEY_ID, secret: "not-the-secret" },
    expected: /secret/i,
  },
  {
    name: "unknown key id",
    input: { bucket: DEMO_BUCKET, folder: DEMO_FOLDER, keyId: "AKIAUNKNOWN000000000", secret: DEMO_SECRET_ACCESS_KEY },
    expected: /access key id/i,
  },
  {
    name: "expired session token",
    input: { bucket: DEMO_BUCKET, folder: DEMO_FOLDER, keyId: DEMO_EXPIRED_ACCESS_KEY_ID, secret: DEMO_EXPIRED_SECRET_ACCESS_KEY, token: DEMO_EXPIRED_SESSION_TOKEN },
    expected: /expired/i,
  },
  {
    name: "folder outside what the key may list",
    input: { bucket: DEMO_BUCKET, folder: DEMO_OTHER_FOLDER, keyId: DEMO_RESTRICTED_ACCESS_KEY_ID, secret: DEMO_RESTRICTED_SECRET_ACCESS_KEY },
    expected: /ListObjectsV2.*s3:ListBucket.*arn:aws:s3:::demo-aep-ingest/s,
  },
  {
    name: "no such bucket",
    input: { bucket: "no-such-bucket-here", folder: "", keyId: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY },
    expected: /does not exist|no bucket/i,
  },
  {
    name: "bucket in another region",
    input: { bucket: DEMO_EU_BUCKET, folder: "exports", keyId: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY, serviceUrl: "https://s3.us-east-2.amazonaws.com" },
    expected: /eu-west-1/,
  },
];

for (const failure of failures) {
  test(`the live check explains: ${failure.name}`, async ({ page }) => {
    await openWizard(page, "Azure");
    await fillAzureBucket(page, failure.input);
    await page.getByRole("button", { name: "Check bucket access" }).click();
    await expect(page.getByTestId("bucket-check-message")).toHaveText(failure.expected);
    await expect(page.getByTestId("bucket-check-message")).not.toContainText(failure.input.secret);
    // A blocking failure keeps the user on the step that can fix it.
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByLabel("Bucket name")).toBeVisible();
  });
}

test("an unreachable endpoint is named, and the user may continue past it", async ({ page }) => {
  await openWizard(page, "Azure");
  await fillAzureBucket(page, { bucket: DEMO_BUCKET, folder: DEMO_FOLDER, keyId: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY, serviceUrl: "http://127.0.0.1:9" });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("bucket-check-message")).toContainText("http://127.0.0.1:9");
  await page.getByRole("button", { name: "Continue without the check" }).click();
  await expect(page.getByLabel("Connection name")).toBeVisible();
});

test("a viewer cannot open the wizard", async ({ browser }) => {
  const page = await browser.newPage();
  await signInAs(page, "viewer");
  await page.goto(`${baseUrl()}/connections/new`);
  await expect(page.getByText("Your role does not allow this page")).toBeVisible();
  await page.close();
});
