// Revocable sessions in the browser: a cookie copied out of a signed-in browser stops working on
// the next request after "Sign out everywhere", and after an admin disables the account.
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { actionId, callAction } from "../../bench/server-action";
import { Session } from "../../bench/session";
import { baseUrl, signInAs } from "./support/sign-in";
import { E2E_USERS } from "./support/users";

const SESSION_COOKIE = "next-auth.session-token";

async function sessionCookie(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no session cookie after sign-in");
  return cookie.value;
}

/** A second browser holding a copy of the cookie, as a thief would. */
async function browserWithCopy(browser: Browser, value: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addCookies([{ name: SESSION_COOKIE, value, domain: new URL(baseUrl()).hostname, path: "/" }]);
  return context;
}

/** A server action called with nothing but the copied cookie. */
async function actionWithCopy(value: string): Promise<unknown> {
  const id = actionId("switchSandboxAction", "app/(console)/sandbox-actions.ts");
  return (await callAction(new Session(baseUrl()), { page: "/connections", id, args: ["prod"], cookies: { [SESSION_COOKIE]: value } })).result;
}

test("an action called without a live session answers `unauthenticated`, not the sign-in page", async () => {
  // The proxy lets action calls through to the action's own check, which the form can show.
  const id = actionId("switchSandboxAction", "app/(console)/sandbox-actions.ts");
  for (const cookies of [{}, { [SESSION_COOKIE]: "not-a-token" }] as Record<string, string>[]) {
    const call = await callAction(new Session(baseUrl()), { page: "/connections", id, args: ["prod"], cookies });
    expect(call.status).toBe(200);
    expect(call.result).toMatchObject({ ok: false, error: { code: "unauthenticated", message: "Your session has ended. Sign in again." } });
  }
});

test("after Sign out everywhere, a copied cookie gets the sign-in page and `unauthenticated`", async ({ browser }) => {
  const own = await browser.newContext();
  const page = await own.newPage();
  await signInAs(page, "operator");
  const copied = await sessionCookie(own);
  const thief = await browserWithCopy(browser, copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto(`${baseUrl()}/connections`);
  await expect(thiefPage.getByRole("heading", { name: "Connections", level: 1 })).toBeVisible();
  expect(await actionWithCopy(copied)).toMatchObject({ ok: true });

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await thiefPage.goto(`${baseUrl()}/connections`);
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  await expect(thiefPage.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(await actionWithCopy(copied)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  await thief.close();
  await own.close();
});

test("Sign out ends that session on the server: its copied cookie is refused too", async ({ browser }) => {
  const own = await browser.newContext();
  const page = await own.newPage();
  await signInAs(page, "viewer");
  const copied = await sessionCookie(own);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const thief = await browserWithCopy(browser, copied);
  const thiefPage = await thief.newPage();
  await thiefPage.goto(`${baseUrl()}/audit`);
  await expect(thiefPage).toHaveURL(/\/sign-in/);
  expect(await actionWithCopy(copied)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  await thief.close();
  await own.close();
});

test("an admin disables a user: their cookie stops working at once, their password is refused until enabled again", async ({ browser }) => {
  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await signInAs(viewerPage, "viewer");
  const copied = await sessionCookie(viewer);

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAs(adminPage, "admin");
  await adminPage.goto(`${baseUrl()}/settings`);
  const row = adminPage.getByTestId(`user-row-${E2E_USERS.viewer.email}`);
  try {
    await row.getByRole("button", { name: `Disable ${E2E_USERS.viewer.email}` }).click();
    await expect(adminPage.getByRole("status")).toContainText(`Disabled ${E2E_USERS.viewer.email}`);
    await expect(row.getByRole("cell", { name: "Disabled", exact: true })).toBeVisible();

    await viewerPage.goto(`${baseUrl()}/connections`);
    await expect(viewerPage).toHaveURL(/\/sign-in/);
    expect(await actionWithCopy(copied)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    await viewerPage.getByLabel("Email").fill(E2E_USERS.viewer.email);
    await viewerPage.getByLabel("Password").fill(E2E_USERS.viewer.password);
    await viewerPage.getByRole("button", { name: "Sign in" }).click();
    await expect(viewerPage.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("This account is disabled. Ask an administrator of this console to enable it.");
  } finally {
    await adminPage.goto(`${baseUrl()}/settings`);
    const enable = row.getByRole("button", { name: `Enable ${E2E_USERS.viewer.email}` });
    if (await enable.count()) {
      await enable.click();
      await expect(row.getByRole("cell", { name: "Active", exact: true })).toBeVisible();
    }
  }
  await signInAs(viewerPage, "viewer");
  await viewer.close();
  await admin.close();
});
