// The database half of the stack: the given PostgreSQL server, or the embedded PostgreSQL default.
// Either way, pending migrations are applied before the stack uses it (a console server started
// beside it waits for it, and applies them itself if it gets there first, under the same lock).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { EmbeddedPostgresError, launchEmbeddedPostgres, type EmbeddedLaunch } from "../db/embedded-postgres";
import { applyMigrations, MigrationError } from "../db/migrations";
import { databaseAddress, failureReason } from "../db/wait-for-database";
import { askDatabase } from "./ask-database";
import { StackStartError } from "./config";

export type StackDatabase = { url: string; embedded: boolean; dataDir?: string; stop(): Promise<void> };

export type LaunchedDatabase = StackDatabase & {
  /** An embedded cluster made by an earlier start (a restart); false for a given server. */
  existing: boolean;
  /** Settles once the database accepts connections and its migrations are applied. */
  ready: Promise<void>;
};

async function assertReachable(url: string): Promise<void> {
  try {
    await askDatabase(url, (client) => client.query("SELECT 1"));
  } catch (error) {
    throw new StackStartError(`cannot reach the database at ${databaseAddress(url)} (${failureReason(error)}): start it or fix DATABASE_URL`);
  }
}

/**
 * The given PostgreSQL server once it answers, or the embedded one as soon as it is launched: its
 * URL is known before it is up, so a console server can start beside it (it waits for the database
 * itself, lib/startup/prepare-server.ts). The caller must await `ready`.
 */
export async function launchDatabase(options: { databaseUrl?: string; dataDir: string; port: number; log: (line: string) => void }): Promise<LaunchedDatabase> {
  if (options.databaseUrl) {
    await assertReachable(options.databaseUrl);
    const database: StackDatabase = { url: options.databaseUrl, embedded: false, stop: async () => undefined };
    return { ...database, existing: false, ready: migrate(database, options.log) };
  }
  const dataDir = join(options.dataDir, "pg");
  const existing = existsSync(join(dataDir, "PG_VERSION"));
  let launch: EmbeddedLaunch;
  try {
    launch = launchEmbeddedPostgres({ dataDir, port: options.port, passwordFile: join(options.dataDir, "db-password") });
  } catch (error) {
    throw stackError(error);
  }
  const database: StackDatabase = { url: launch.url, embedded: true, dataDir, stop: launch.stop };
  const ready = launch.started.then(
    () => migrate(database, options.log),
    (error: unknown) => Promise.reject(stackError(error)),
  );
  return { ...database, existing, ready };
}

/** Starts the database and applies its migrations before returning. */
export async function startDatabase(options: { databaseUrl?: string; dataDir: string; port: number; log: (line: string) => void }): Promise<StackDatabase> {
  const { ready, ...database } = await launchDatabase(options);
  try {
    await ready;
  } catch (error) {
    await database.stop();
    throw error;
  }
  return database;
}

function stackError(error: unknown): unknown {
  return error instanceof EmbeddedPostgresError ? new StackStartError(error.message) : error;
}

async function migrate(database: StackDatabase, log: (line: string) => void): Promise<void> {
  try {
    const applied = await applyMigrations(database.url, { log });
    if (applied.length === 0) log("database schema is up to date");
  } catch (error) {
    if (error instanceof MigrationError) throw new StackStartError(`${error.message}`);
    throw error;
  }
}

/**
 * Whether the database holds an account already: a restart, where the first admin is in place. Read
 * with `pg` alone, which this process has loaded anyway, not through the app's modules.
 */
export async function hasAccounts(url: string): Promise<boolean> {
  const { rows } = await askDatabase(url, (client) => client.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM "User") AS "found"'));
  return rows[0]?.found === true;
}
