import { expect, type Page } from "@playwright/test";
import { E2E_USERS } from "./users";

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run the e2e tests through playwright.config.ts");
  return url;
}

export async function signInAs(page: Page, role: keyof typeof E2E_USERS): Promise<void> {
  const user = E2E_USERS[role];
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-role")).toHaveText(role);
}

/** Picks a sandbox in the header and waits until the console shows it as the current one. */
export async function chooseSandbox(page: Page, sandbox: string): Promise<void> {
  await page.getByTestId("current-sandbox").selectOption(sandbox);
  await expect(page.getByTestId("current-sandbox")).toHaveValue(sandbox);
}
