// prisma/schema.prisma and prisma/migrations must describe the same database. The migrations were
// applied to this run's database by the global setup; the schema engine diffs it to the schema.
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { SCHEMA_PATH, diffDatabaseToSchema } from "@/scripts/db/schema-engine";

describe(`schema and migrations agree (${inject("databaseTarget")})`, () => {
  it("finds no difference between the migrated database and schema.prisma", async () => {
    const sql = await diffDatabaseToSchema(inject("databaseUrl"));
    expect(sql, `schema.prisma changed without a migration; run: npm run db:migration:create -- <name>\n${sql}`).toBe("");
  });

  it("does report a difference when the schema gains a field (the check can fail)", async () => {
    const schema = readFileSync(SCHEMA_PATH, "utf8").replace("model User {", "model User {\n  nickname String?");
    const sql = await diffDatabaseToSchema(inject("databaseUrl"), schema);
    expect(sql).toContain('ADD COLUMN     "nickname" TEXT');
  });
});
