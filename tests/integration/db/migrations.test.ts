import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, MigrationError, readMigrations } from "@/scripts/db/migrations";
import { createScratchDatabase, currentTarget, type ScratchDatabase } from "../support/databases";

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function migrationsDir(extra: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe(`offline migration runner (${currentTarget()})`, () => {
  let scratch: ScratchDatabase | undefined;
  afterEach(async () => {
    await scratch?.drop();
    scratch = undefined;
  });

  it("records every migration as prisma migrate deploy would, and a second run applies nothing", async () => {
    scratch = await createScratchDatabase();
    const first = await applyMigrations(scratch.url);
    expect(first).toEqual(readMigrations().map((m) => m.name));
    expect(await applyMigrations(scratch.url)).toEqual([]);
    const rows = await query(scratch.url, 'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(first);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("rolls back a failing migration completely and names it", async () => {
    scratch = await createScratchDatabase();
    const dir = migrationsDir({
      "29990101000000_good": 'CREATE TABLE "Good" (id INT PRIMARY KEY);',
      "29990102000000_bad": 'CREATE TABLE "Partial" (id INT PRIMARY KEY);\nALTER TABLE "Missing" ADD COLUMN x INT;',
    });
    const error = await applyMigrations(scratch.url, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe("29990102000000_bad");
    const tables = (await query(scratch.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).map((r) => r.table_name);
    expect(tables).toContain("Good");
    expect(tables).not.toContain("Partial");
    const names = (await query(scratch.url, 'SELECT migration_name FROM "_prisma_migrations"')).map((r) => r.migration_name);
    expect(names).toContain("29990101000000_good");
    expect(names).not.toContain("29990102000000_bad");
  });

  it("refuses a migration that was edited after it was applied", async () => {
    scratch = await createScratchDatabase();
    const dir = migrationsDir({ "29990101000000_extra": 'CREATE TABLE "Extra" (id INT);' });
    await applyMigrations(scratch.url, { dir });
    writeFileSync(join(dir, "29990101000000_extra", "migration.sql"), 'CREATE TABLE "Extra" (id BIGINT);');
    await expect(applyMigrations(scratch.url, { dir })).rejects.toThrow(/was edited after it was applied/);
  });
});
