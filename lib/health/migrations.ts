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
  // A database no migration ever ran on has no history table at all.
  const [history] = await db.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`;
  if (!history?.present) throw new NotReady(`${expected.length} migration(s) not applied`);
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = expected.filter((name) => !applied.has(name)).length;
  if (pending > 0) throw new NotReady(`${pending} migration(s) not applied`);
}
