import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { baseUrl, signInAs } from "./support/sign-in";

// The trail is written straight into the database (the console only ever appends to it).
async function withDatabase(work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_DUMP_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

// Sixty events of one actor: more than one page of the audit log.
async function seedEvents(actorEmail: string, count: number): Promise<void> {
  await withDatabase((client) =>
    client.query(
      `INSERT INTO "AuditEvent" ("id", "occurredAt", "actorEmail", "action", "sandboxName", "targetType", "targetId", "outcome")
       SELECT gen_random_uuid(), now() - make_interval(secs => n), $1, 'connection.test', 'dev', 'connection', 'seeded-' || n, 'success'
       FROM generate_series(1, $2::int) AS n`,
      [actorEmail, count],
    ).then(() => undefined),
  );
}

// One event per entry, a second apart, the first the newest.
async function seedMixed(actorEmail: string, events: { sandbox: string | null; outcome: "success" | "failure" | "conflict"; target: string; details?: object }[]): Promise<void> {
  await withDatabase(async (client) => {
    for (const [index, event] of events.entries()) {
      await client.query(
        `INSERT INTO "AuditEvent" ("id", "occurredAt", "actorEmail", "action", "sandboxName", "targetType", "targetId", "outcome", "details")
         VALUES (gen_random_uuid(), now() - make_interval(secs => $1), $2, 'connection.test', $3, 'connection', $4, $5::"AuditOutcome", $6::jsonb)`,
        [index + 1, actorEmail, event.sandbox, event.target, event.outcome, event.details ? JSON.stringify(event.details) : null],
      );
    }
  });
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

  // A page past the last one says so, keeps the filter, and leads back to the last page.
  await page.goto(`${baseUrl()}/audit?actor=${encodeURIComponent(actor)}&page=7`);
  await expect(page.getByTestId("audit-total")).toHaveText("60 events · page 7, past the last (2)");
  await expect(rows).toHaveText(["This page is past the last one; the link below leads to the last page."]);
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Last page" }).click();
  await expect(page.getByTestId("audit-total")).toHaveText("60 events · page 2 of 2");
  await expect(rows).toHaveCount(10);
});

test("the audit log filters by sandbox, by no sandbox and by outcome, the form keeps what it filtered on, and an event unfolds its details", async ({ page }) => {
  const actor = `mixed-${randomUUID().slice(0, 8)}@example.com`;
  await seedMixed(actor, [
    { sandbox: "prod", outcome: "failure", target: "prod-failed", details: { name: "Orders landing", error: "ExpiredToken" } },
    { sandbox: "prod", outcome: "success", target: "prod-ok" },
    { sandbox: "dev", outcome: "failure", target: "dev-failed" },
    { sandbox: null, outcome: "success", target: "account-change" },
  ]);
  await signInAs(page, "viewer");
  await page.goto(`${baseUrl()}/audit?actor=${encodeURIComponent(actor)}`);
  const filters = page.getByRole("search", { name: "Filter audit events" });
  const rows = page.getByRole("table", { name: "Audit events, newest first" }).locator("tbody tr");
  await expect(page.getByTestId("audit-total")).toHaveText("4 events · page 1 of 1");

  await filters.getByLabel("Sandbox").selectOption("prod");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-total")).toHaveText("2 events · page 1 of 1");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("prod-failed");
  await expect(rows.nth(1)).toContainText("prod-ok");
  // The form keeps what it filtered on.
  expect(new URL(page.url()).searchParams.get("actor")).toBe(actor);
  await expect(filters.getByLabel("Sandbox")).toHaveValue("prod");

  await filters.getByLabel("Outcome").selectOption("failure");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-total")).toHaveText("1 event · page 1 of 1");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("prod-failed");
  // Its details are folded until asked for.
  const details = rows.first().getByText('"error": "ExpiredToken"');
  await expect(details).toBeHidden();
  await rows.first().getByText("Show details").click();
  await expect(details).toBeVisible();

  await filters.getByLabel("Sandbox").selectOption({ label: "None (accounts, settings)" });
  await filters.getByLabel("Outcome").selectOption("");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-total")).toHaveText("1 event · page 1 of 1");
  await expect(rows.first()).toContainText("account-change");
  await expect(rows.first().getByRole("cell").nth(3)).toHaveText("—");
  await expect(rows.first().getByRole("cell").nth(7)).toHaveText("—");
});
