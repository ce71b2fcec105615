import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { baseUrl, signInAs } from "./support/sign-in";

// Sixty events of one actor, written straight into the trail (the console only ever appends to
// it): more than one page of the audit log.
async function seedEvents(actorEmail: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_DUMP_URL });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "AuditEvent" ("id", "occurredAt", "actorEmail", "action", "sandboxName", "targetType", "targetId", "outcome")
       SELECT gen_random_uuid(), now() - make_interval(secs => n), $1, 'connection.test', 'dev', 'connection', 'seeded-' || n, 'success'
       FROM generate_series(1, $2::int) AS n`,
      [actorEmail, count],
    );
  } finally {
    await client.end();
  }
}

test("the audit log pages through a filter's events, keeping the filter, and names each event's sandbox", async ({ page }) => {
  const actor = `pages-${randomUUID().slice(0, 8)}@example.com`;
  await seedEvents(actor, 60);
  await signInAs(page, "viewer");
  await page.goto(`${baseUrl()}/audit?actor=${encodeURIComponent(actor)}`);
  const rows = page.getByRole("table", { name: "Audit events, newest first" }).locator("tbody tr");

  await expect(page.getByTestId("audit-total")).toHaveText("60 events · page 1 of 2");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText("seeded-1");
  await expect(rows.first().getByRole("cell").nth(3)).toHaveText("dev");
  await expect(page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Previous" })).toHaveCount(0);

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page.getByTestId("audit-total")).toHaveText("60 events · page 2 of 2");
  expect(new URL(page.url()).searchParams.get("actor")).toBe(actor);
  await expect(rows).toHaveCount(10);
  await expect(rows.last()).toContainText("seeded-60");
  await expect(page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" })).toHaveCount(0);

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Previous" }).click();
  await expect(page.getByTestId("audit-total")).toHaveText("60 events · page 1 of 2");
});
