// The database half of the stack: the given PostgreSQL server, or the embedded PostgreSQL default.
// Either way, pending migrations are applied before anything else uses it.
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, EmbeddedPostgresError } from "../db/embedded-postgres";
import { applyMigrations, MigrationError } from "../db/migrations";
import { StackStartError } from "./config";

export type StackDatabase = { url: string; embedded: boolean; dataDir?: string; stop(): Promise<void> };

/** One short-lived connection for one question, closed whatever the answer. */
async function withClient<T>(url: string, ask: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return await ask(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function assertReachable(url: string): Promise<void> {
  try {
    await withClient(url, (client) => client.query("SELECT 1"));
  } catch (error) {
    const parsed = new URL(url);
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new StackStartError(`cannot reach the database at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname} (${reason}): start it or fix DATABASE_URL`);
  }
}

export async function startDatabase(options: { databaseUrl?: string; dataDir: string; port: number; log: (line: string) => void }): Promise<StackDatabase> {
  let database: StackDatabase;
  if (options.databaseUrl) {
    await assertReachable(options.databaseUrl);
    database = { url: options.databaseUrl, embedded: false, stop: async () => undefined };
  } else {
    const dataDir = join(options.dataDir, "pg");
    try {
      const embedded = await startEmbeddedPostgres({ dataDir, port: options.port, passwordFile: join(options.dataDir, "db-password") });
      database = { url: embedded.url, embedded: true, dataDir, stop: embedded.stop };
    } catch (error) {
      if (error instanceof EmbeddedPostgresError) throw new StackStartError(error.message);
      throw error;
    }
  }
  try {
    const applied = await applyMigrations(database.url, { log: options.log });
    if (applied.length === 0) options.log("database schema is up to date");
  } catch (error) {
    await database.stop();
    if (error instanceof MigrationError) throw new StackStartError(`${error.message}`);
    throw error;
  }
  return database;
}

/**
 * Whether the database holds an account already: a restart, where the first admin is in place. Read
 * with `pg` alone, which this process has loaded anyway, not through the app's modules.
 */
export async function hasAccounts(url: string): Promise<boolean> {
  const { rows } = await withClient(url, (client) => client.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM "User") AS "found"'));
  return rows[0]?.found === true;
}
