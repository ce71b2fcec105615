// Webhook alerts in the browser: an admin registers an endpoint (a receiver this test runs on
// loopback), sees the signing secret once, sends a test event and watches the delivery log say
// it was delivered; the receiver checks the signature with README's example. Operators do not
// see Settings at all.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { loadReadmeVerifier } from "../fixtures/webhooks/readme-verifier";
import { expectNoAxeViolations } from "./support/axe";
import { databaseDump } from "./support/database-dump";
import { baseUrl, signInAs } from "./support/sign-in";

type Received = { path: string; signature: string; eventId: string; body: string };

async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", signature: String(req.headers["x-s3console-signature"]), eventId: String(req.headers["x-s3console-event-id"]), body });
      res.writeHead(200).end();
    });
  });
  // The port the global setup allowed the console to deliver to (OUTBOUND_ALLOW).
  await new Promise<void>((resolve) => server.listen(Number(process.env.E2E_WEBHOOK_PORT), "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("an admin registers an endpoint, sees its secret once, and a test event is delivered and logged", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    const name = `E2E receiver ${Date.now()}`;
    await signInAs(page, "admin");
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("link", { name: "Register endpoint" }).click();
    await expect(page.getByRole("heading", { name: "Register a webhook endpoint", level: 1 })).toBeVisible();

    // Bad input first: each field says what is wrong.
    await page.getByLabel("URL").fill("http://alerts.example.com/hook");
    await page.getByRole("button", { name: "Register endpoint" }).click();
    await expect(page.getByText("Use https. Plain http is accepted only for this machine")).toBeVisible();
    await expect(page.getByText("Choose at least one event.")).toBeVisible();
    await expectNoAxeViolations(page, "register endpoint with errors");

    await page.getByLabel("Name").fill(name);
    await page.getByLabel("URL").fill(`${receiver.url}/hook`);
    await expect(page.getByText("For local testing only: plain http to this machine.")).toBeVisible();
    await page.getByLabel(/token\.expired/).check();
    await page.getByLabel(/rotation\.failed/).check();
    await page.getByRole("button", { name: "Register endpoint" }).click();

    const secretBox = page.getByTestId("signing-secret");
    await expect(secretBox).toHaveText(/^whsec_[A-Za-z0-9_-]{43}$/);
    const secret = (await secretBox.textContent())!;
    await expect(page.getByText("it is shown only this once")).toBeVisible();
    await page.getByRole("link", { name: "I have saved it: open the endpoint" }).click();

    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(`${name} · S3 Source Console`);
    await expect(page.getByText("For local testing only")).toBeVisible();
    await expect(page.getByText("Nothing sent yet.")).toBeVisible();
    await page.getByRole("button", { name: "Send test event" }).click();
    const row = page.getByTestId("delivery-row").first();
    await expect(row).toContainText("Test event");
    await expect(row).toContainText("delivered");
    await expect(row).toContainText("200");
    await expectNoAxeViolations(page, "endpoint page");

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const verify = await loadReadmeVerifier();
    expect(request!.path).toBe("/hook");
    expect(verify(request!.body, request!.signature, secret)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({ type: "test", id: request!.eventId });

    // Never again: not on the endpoint's page, not in Settings.
    await page.reload();
    expect(await page.content()).not.toContain(secret);
    // The endpoints' list is on Settings: the address above an endpoint's page leads there.
    await page.goto(`${baseUrl()}/settings/webhooks`);
    await expect(page).toHaveURL(`${baseUrl()}/settings#webhook-alerts`);
    await expect(page.getByRole("heading", { name: "Webhook alerts", level: 2 })).toBeInViewport();
    const listed = page.getByTestId(`webhook-row-${name}`);
    await expect(listed).toContainText("local testing only");
    await expect(listed).toContainText("delivered");
    expect(await page.content()).not.toContain(secret);
    // Nor in the server's log or the database (where it is sealed).
    expect(readFileSync(process.env.E2E_CONSOLE_LOG!, "utf8")).not.toContain(secret);
    const dump = await databaseDump();
    expect(dump).toContain(name);
    expect(dump).not.toContain(secret);
  } finally {
    await receiver.close();
  }
});

test("an operator does not see Settings, nor the webhook pages", async ({ page }) => {
  await signInAs(page, "operator");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto(`${baseUrl()}/settings/webhooks/new`);
  await expect(page.getByText("Your role does not allow this page")).toBeVisible();
  await expect(page.getByLabel("URL")).toHaveCount(0);
  await page.goto(`${baseUrl()}/settings/webhooks`);
  await expect(page.getByText("Your role does not allow this page")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Webhook alerts" })).toHaveCount(0);
});
