// Runs once when a console server process starts (Next's instrumentation hook): validate the
// environment (a bad value stops the server with every problem listed), send what Next prints
// through the logger when logging JSON, apply pending migrations (MIGRATE_ON_START), open the
// database pool, and start background sync.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("@/lib/env");
  const env = serverEnv();
  const { log } = await import("@/lib/log");
  const { routeConsoleToLogger } = await import("@/lib/log/console");
  routeConsoleToLogger();
  if (env.MIGRATE_ON_START) {
    // Under PostgreSQL's advisory lock: replicas starting together apply them once, in turn.
    const { applyMigrations } = await import("@/scripts/db/migrations");
    const applied = await applyMigrations(env.DATABASE_URL, { log: (line) => log.info(line) });
    log.info({ applied: applied.length }, applied.length ? "database migrations applied" : "database schema is up to date");
  }
  // Open the pool and load Prisma's query compiler now, not in the first request or readiness probe.
  const { db } = await import("@/lib/db");
  await db.$queryRaw`SELECT 1`.catch((error: unknown) => log.warn({ err: error }, "database not reachable at start"));
  const { startBackgroundSync } = await import("@/lib/connections/background-sync");
  startBackgroundSync(undefined, (line) => log.info(line));
}
