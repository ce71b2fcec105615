// "Migrated" means: the database's history (_prisma_migrations) holds every migration this build
// ships, finished and not rolled back. The shipped list is read once: it is part of the build
// (next.config.mjs traces prisma/migrations into the standalone output).
import "server-only";
import { db } from "@/lib/db";
import { readMigrations } from "@/scripts/db/migrations";
import { NotReady } from "./not-ready";

let shipped: string[] | undefined;

function shippedMigrations(): string[] {
  shipped ??= readMigrations().map((migration) => migration.name);
  return shipped;
}

export async function assertMigrationsApplied(): Promise<void> {
  const expected = shippedMigrations();
  if (expected.length === 0) throw new NotReady("this build ships no migrations (prisma/migrations is missing)");
  let rows: { migration_name: string }[];
  try {
    rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  } catch (error) {
    // 42P01: undefined_table, a database no migration ever ran on.
    if ((error as { code?: unknown; meta?: { code?: unknown } }).meta?.code === "42P01" || /_prisma_migrations/.test(String((error as Error).message))) {
      throw new NotReady(`${expected.length} migration(s) not applied`);
    }
    throw error;
  }
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = expected.filter((name) => !applied.has(name)).length;
  if (pending > 0) throw new NotReady(`${pending} migration(s) not applied`);
}
