// `npm start` tells a restart from a first start by whether the database holds an account: on a
// restart the console server starts without waiting for the first admin and the demo's check.
import { beforeEach, describe, expect, inject, it } from "vitest";
import { seedFirstAdmin } from "@/lib/users/accounts";
import { hasAccounts } from "@/scripts/stack/database";
import { resetDatabase } from "../support/reset";

describe(`hasAccounts (${inject("databaseTarget")})`, () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("is false for a database without an account and true once the first admin exists", async () => {
    const url = inject("databaseUrl");
    expect(await hasAccounts(url)).toBe(false);
    await seedFirstAdmin("first-admin@example.com", "a-long-enough-password");
    expect(await hasAccounts(url)).toBe(true);
  });
});
