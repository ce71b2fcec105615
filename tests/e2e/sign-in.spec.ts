import { expect, test } from "@playwright/test";
import { baseUrl, signInAs } from "./support/sign-in";
import { E2E_USERS } from "./support/users";

test("an anonymous visit is sent to sign-in", async ({ page }) => {
  await page.goto(`${baseUrl()}/connections`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fconnections/);
});

test("a wrong password is refused with one generic message, the right one opens the shell", async ({ page }) => {
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByLabel("Email").fill(E2E_USERS.admin.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("The email or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);
  // The refused password is cleared; the email stays for the next try.
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Email")).toHaveValue(E2E_USERS.admin.email);

  await page.getByLabel("Password").fill(E2E_USERS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/connections$/);
  await expect(page.getByRole("heading", { name: "Connections", level: 1 })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of ["Connections", "New connection", "Audit log", "Settings"]) {
    await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("current-sandbox")).toHaveValue("prod");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`${baseUrl()}/connections`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the form checks its fields in the browser before anything is sent (its checks load on first use)", async ({ page }) => {
  const credentialPosts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/api/auth/callback/credentials")) credentialPosts.push(request.url());
  });
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter the email address of your console account.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  // The first field in error takes the focus, and mending a field clears its error at once.
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.getByLabel("Email").fill("not an address");
  await expect(page.getByText("Enter the email address of your console account.")).toBeVisible();
  await page.getByLabel("Email").fill(E2E_USERS.admin.email);
  await expect(page.getByText("Enter the email address of your console account.")).toHaveCount(0);
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid");
  await expect(page.getByText("Enter your password.")).toBeVisible();
  expect(credentialPosts).toEqual([]);
});

test("when the page's checks cannot be fetched, the form says so instead of doing nothing", async ({ page }) => {
  await page.goto(`${baseUrl()}/sign-in`, { waitUntil: "networkidle" });
  // From here on no script can load: the validation and next-auth's client are fetched on demand.
  await page.route("**/_next/static/chunks/**", (route) => route.abort("internetdisconnected"));
  await page.getByLabel("Email").fill(E2E_USERS.admin.email);
  await page.getByLabel("Password").fill(E2E_USERS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("The console could not be reached, so nothing was checked. Check your connection, then try again.");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a viewer sees no admin-only navigation and cannot open admin pages", async ({ page }) => {
  await signInAs(page, "viewer");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Connections", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "New connection" })).toHaveCount(0);
  await page.goto(`${baseUrl()}/settings`);
  await expect(page.getByText("Your role does not allow this page")).toBeVisible();
});

test("the sign-in page and the signed-in shell load without a failed request, tab icon included", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "failed";
    // A navigation cancels the requests of the page it leaves (signing in moves on to /connections).
    if (reason !== "net::ERR_ABORTED") failed.push(`${reason} ${new URL(request.url()).pathname}`);
  });
  await page.goto(`${baseUrl()}/sign-in`, { waitUntil: "networkidle" });
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute("type", "image/svg+xml");
  // Signed out: the icon is served, not redirected to the sign-in page.
  const served = await page.request.get(new URL((await icon.getAttribute("href")) ?? "", baseUrl()).toString(), { maxRedirects: 0 });
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toContain("image/svg+xml");

  await signInAs(page, "admin");
  await page.waitForLoadState("networkidle");
  expect(failed).toEqual([]);
});
