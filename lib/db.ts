// The one Prisma client of the app. Queries go through adapter-pg, so no engine binary is needed and
// the same code serves the embedded PostgreSQL default and a team's PostgreSQL server.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/**
 * How long an idle pooled connection is kept, by the query pool and the rotation lock pool
 * (lib/jobs/slots.ts). pg's default closes it after 10 s, so a person who reads a page for longer
 * than that made the next click open new connections: on the embedded server a connection took
 * 17.5 ms (SCRAM authentication and a new backend) and its first statement 7.8 ms against 1.0 ms
 * warm (a backend's catalog and plan caches start empty), and /connections took 158 ms after 12 s
 * idle against 53 ms warm. A pool never holds more than its size, which the instance sizing already
 * counts as in use.
 */
export const POOL_IDLE_TIMEOUT_MS = 10 * 60_000;

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    // Every console instance and its job workers share the server's max_connections (100 by
    // default, also for the embedded server): a modest pool per process leaves room for several.
    const adapter = new PrismaPg({ connectionString: serverEnv().DATABASE_URL, max: serverEnv().DATABASE_POOL_SIZE, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
    // Kept on globalThis so hot reloads in development reuse one pool instead of leaking them.
    // Under a burst (bulk rotation) transactions queue for a pooled connection: wait for one
    // rather than failing after Prisma's default 2 s.
    globalForPrisma.prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  }
  return globalForPrisma.prisma;
}

/**
 * Created on first use rather than at import, so that `next build` (which imports route modules
 * without a database) and scripts that set the environment first both work.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

/** Closes the pool (scripts and tests; the server keeps it for its lifetime). */
export async function disconnectDb(): Promise<void> {
  await globalForPrisma.prisma?.$disconnect();
  globalForPrisma.prisma = undefined;
}
