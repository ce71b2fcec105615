import { expect, test } from "@playwright/test";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_FOLDER, DEMO_SECRET_ACCESS_KEY } from "../../simulators/s3/demo";
import { signInAs } from "./support/sign-in";
import { canReadTcpTables, closedSince, connectionsTo } from "./support/tcp-connections";
import { fillAzureBucket, openWizard } from "./support/wizard";

test("an operator aiming the service URL at the database gets the refusal, and the database sees no connection", async ({ page }) => {
  test.skip(!canReadTcpTables(), "needs Linux's /proc/net/tcp to watch the database port");
  const databasePort = Number(new URL(process.env.E2E_DATABASE_DUMP_URL!).port);
  const serviceUrl = `http://127.0.0.1:${databasePort}`;
  await signInAs(page, "operator");
  await openWizard(page, "Azure");
  await fillAzureBucket(page, { bucket: DEMO_BUCKET, folder: DEMO_FOLDER, keyId: DEMO_ACCESS_KEY_ID, secret: DEMO_SECRET_ACCESS_KEY, serviceUrl });

  const before = connectionsTo(databasePort);
  await page.getByRole("button", { name: "Check bucket access" }).click();
  const refusal = `This address is not allowed: ${serviceUrl} is a loopback address (this machine).`;
  await expect(page.getByTestId("bucket-check-message")).toHaveText(refusal);
  const after = connectionsTo(databasePort);

  // Said on the field itself, and nothing learned from the target.
  await expect(page.getByText("The console may not call this service URL")).toBeVisible();
  await expect(page.getByLabel("Service URL (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#serviceUrl-error")).toHaveText(refusal);
  await expect(page.getByText(/There is no bucket|NoSuchBucket/)).toHaveCount(0);
  // Blocking: no way past it but fixing the URL.
  await expect(page.getByRole("button", { name: "Continue without the check" })).toHaveCount(0);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("bucket-check-message")).toHaveText(refusal);
  await expect(page.getByLabel("Bucket name")).toBeVisible();

  // The database port saw no connection come and go during the checks.
  expect(closedSince(before, connectionsTo(databasePort))).toEqual([]);
  expect(closedSince(before, after)).toEqual([]);
});
