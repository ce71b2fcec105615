import { expect, test } from "@playwright/test";
import { baseUrl, signInAs } from "./support/sign-in";

type Caller = "anonymous" | "viewer" | "operator" | "admin";
const PAGES: { path: string; heading: string; allowed: Caller[] }[] = [
  { path: "/connections", heading: "Connections", allowed: ["viewer", "operator", "admin"] },
  { path: "/connections/new", heading: "New connection", allowed: ["operator", "admin"] },
  { path: "/audit", heading: "Audit log", allowed: ["viewer", "operator", "admin"] },
  { path: "/settings", heading: "Settings", allowed: ["admin"] },
  { path: "/settings/webhooks/new", heading: "Register a webhook endpoint", allowed: ["admin"] },
];

for (const caller of ["anonymous", "viewer", "operator", "admin"] as const) {
  test(`every page as ${caller}`, async ({ page }) => {
    if (caller !== "anonymous") await signInAs(page, caller);
    for (const { path, heading, allowed } of PAGES) {
      await page.goto(`${baseUrl()}${path}`);
      if (caller === "anonymous") {
        await expect(page, path).toHaveURL(/\/sign-in/);
      } else if (allowed.includes(caller)) {
        await expect(page.getByRole("heading", { name: heading, level: 1 }), path).toBeVisible();
      } else {
        await expect(page.getByText("Your role does not allow this page"), path).toBeVisible();
      }
    }
  });
}
