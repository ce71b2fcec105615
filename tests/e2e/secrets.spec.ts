// Canary secrets through both wizard paths and a rotation, then a search of everything: every
// response the browser received (HTML, RSC, JSON, scripts), the server's JSON log (at debug level,
// so every Flow Service call is in it), and the database.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_BUCKET, DEMO_FOLDER } from "../../simulators/s3/demo";
import { databaseDump } from "./support/database-dump";
import { baseUrl, signInAs } from "./support/sign-in";
import { CANARY, E2E_USERS } from "./support/users";
import { fillAzureBucket, openWizard } from "./support/wizard";

const SECRETS = [CANARY.secretAccessKey, CANARY.sessionToken, CANARY.rotatedToken];

test("canary secrets reach Flow Service only: not the browser, the logs or the database", async ({ page }) => {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    // Request bodies legitimately carry what the user typed; responses never may.
    const text = await response.text().catch(() => "");
    bodies.push(`${response.url()}\n${JSON.stringify(response.headers())}\n${text}`);
  });
  await signInAs(page, "operator");
  const name = `Canary ${Date.now()}`;
  await openWizard(page, "Azure");
  await fillAzureBucket(page, { bucket: DEMO_BUCKET, folder: DEMO_FOLDER, keyId: CANARY.accessKeyId, secret: CANARY.secretAccessKey, token: CANARY.sessionToken });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByLabel("Connection name")).toBeVisible();
  // Back and forth within the wizard keeps them; leaving the wizard forgets them.
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByLabel("Secret access key", { exact: true })).toHaveValue(CANARY.secretAccessKey);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Connection name").fill(name);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created")).toBeVisible();

  await openWizard(page, "AWS");
  await page.getByLabel("Bucket name").fill(DEMO_BUCKET);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Connection name").fill(`${name} aws`);
  await page.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByText("Connection created")).toBeVisible();

  await page.goto(`${baseUrl()}/connections?q=${encodeURIComponent(name)}&platform=azure`);
  await page.getByRole("button", { name: `Rotate ${name}` }).click();
  await page.getByLabel("New session token", { exact: true }).fill(CANARY.rotatedToken);
  await page.getByRole("button", { name: "Rotate token" }).click();
  await expect(page.getByText(`Session token of ${name} rotated.`)).toBeVisible();

  // A new wizard starts empty: secrets never come back pre-filled.
  await openWizard(page, "Azure");
  await expect(page.getByLabel("Secret access key", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Session token (optional)")).toHaveValue("");

  // The server logged the work as JSON lines: the search below reads what was really written.
  const serverLog = readFileSync(process.env.E2E_CONSOLE_LOG!, "utf8");
  const events = serverLog
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const finished = (action: string) => events.filter((e) => e.msg === "action finished" && e.action === action && e.outcome === "success" && e.actor === E2E_USERS.operator.email);
  expect(finished("createConnectionAction").length).toBeGreaterThanOrEqual(2);
  expect(finished("rotateTokenAction").length).toBeGreaterThanOrEqual(1);
  expect(events.some((e) => e.msg === "flow service call" && e.operation === "patchConnection")).toBe(true);

  const haystacks: Record<string, string> = {
    "browser responses": bodies.join("\n"),
    "page HTML": await page.content(),
    "server log": serverLog,
    database: await databaseDump(),
  };
  expect(bodies.length).toBeGreaterThan(10);
  const hits = Object.entries(haystacks).flatMap(([where, text]) => SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${secret} in ${where}`));
  expect(hits).toEqual([]);
});
