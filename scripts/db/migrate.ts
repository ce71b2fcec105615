// `npm run db:migrate`: applies pending migrations to DATABASE_URL (npm start does this itself;
// this is for deployments that migrate as a separate step).
import { applyMigrations, MigrationError } from "./migrations";

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error("✖ set DATABASE_URL to a postgresql:// URL (the embedded database is migrated by npm start)");
  process.exit(2);
}
try {
  const applied = await applyMigrations(url, { log: (line) => console.log(line) });
  console.log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
} catch (error) {
  console.error(`✖ ${error instanceof MigrationError ? error.message : `cannot migrate: ${(error as Error).message}`}`);
  process.exit(1);
}
