// What a console server process does once, before it serves requests (instrumentation.ts): each
// step a line below. A bad environment or a failing migration stops the process with one log line
// saying why (Next would otherwise keep serving without its instrumentation); so does a database
// that does not accept connections within DATABASE_WAIT_SECONDS when there are migrations to
// check. A database that is merely unreachable once migrated does not: the server starts unready
// (/api/ready) and recovers when the database comes back.
import "server-only";
import { runBackgroundWorkInThisProcess } from "@/lib/background/in-process";
import { db } from "@/lib/db";
import { EnvError, serverEnv, type ServerEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { routeConsoleToLogger } from "@/lib/log/console";
import { seedFirstAdmin, userCount } from "@/lib/users/accounts";
import { applyMigrations, MigrationError } from "@/scripts/db/migrations";
import { DatabaseWaitError, waitForDatabase } from "@/scripts/db/wait-for-database";

export async function prepareServer(exit: (code: number) => never = process.exit): Promise<void> {
  let env: ServerEnv;
  try {
    env = serverEnv();
    routeConsoleToLogger();
    if (env.MIGRATE_ON_START) await migrate(env.DATABASE_URL, env.DATABASE_WAIT_SECONDS);
  } catch (error) {
    if (error instanceof EnvError) log.fatal({ problems: error.problems }, `cannot start: invalid configuration: ${error.problems.join("; ")}`);
    else if (error instanceof MigrationError || error instanceof DatabaseWaitError) log.fatal(`cannot start: ${error.message}`);
    else log.fatal({ err: error }, "cannot start: the database migrations could not be applied");
    return exit(1);
  }
  await openDatabase();
  await ensureFirstAdmin(env);
  runBackgroundWorkInThisProcess();
}

/**
 * Under PostgreSQL's advisory lock: replicas starting together apply them once, in turn. A database
 * still starting beside this server (npm start, a compose file) is waited for first.
 */
async function migrate(databaseUrl: string, waitSeconds: number): Promise<void> {
  const { attempts } = await waitForDatabase(databaseUrl, { timeoutMs: waitSeconds * 1000 });
  if (attempts > 1) log.info({ attempts }, "the database accepts connections");
  const applied = await applyMigrations(databaseUrl, { log: (line) => log.info(line) });
  log.info({ applied: applied.length }, applied.length ? "database migrations applied" : "database schema is up to date");
}

/** Opens the pool and loads Prisma's query compiler now, not in the first request or probe. */
async function openDatabase(): Promise<void> {
  await db.$queryRaw`SELECT 1`.catch((error: unknown) => log.warn({ err: error }, "database not reachable at start"));
}

/** The first admin of an empty database, from ADMIN_EMAIL and ADMIN_PASSWORD (npm start seeds its own). */
async function ensureFirstAdmin(env: ServerEnv): Promise<void> {
  try {
    if (env.ADMIN_PASSWORD) {
      const seeded = await seedFirstAdmin(env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
      if (seeded.created) log.info({ actor: env.ADMIN_EMAIL }, "first admin created from ADMIN_EMAIL and ADMIN_PASSWORD");
    } else if ((await userCount()) === 0) {
      log.warn("the database has no account yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the first admin");
    }
  } catch (error) {
    // Replicas starting together on an empty database: another one created it first.
    if ((error as { code?: unknown }).code === "P2002") log.info({ actor: env.ADMIN_EMAIL }, "first admin created by another instance");
    else log.error({ err: error }, "could not check for the first admin");
  }
}
