// The one Prisma client of the app, and the one pool of connections it queries through (adapter-pg:
// no engine binary, and the same code serves the embedded PostgreSQL default and a team's server).
// `directQuery` sends a statement written with Prisma.sql straight to that pool, for the few on
// every request's path (see its comment).
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { createStatementNamer, type StatementNamer } from "@/lib/prepared-statements";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; queryPool?: pg.Pool; statementNamer?: StatementNamer };

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

function queryPool(): pg.Pool {
  if (!globalForPrisma.queryPool) {
    // Every console instance and its job workers share the server's max_connections (100 by
    // default, also for the embedded server): a modest pool per process leaves room for several.
    const pool = new pg.Pool({ connectionString: serverEnv().DATABASE_URL, max: serverEnv().DATABASE_POOL_SIZE, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
    // An idle client dropped by a database restart must not end the process.
    pool.on("error", (error) => log.debug({ err: error }, "query pool client dropped"));
    globalForPrisma.queryPool = pool;
  }
  return globalForPrisma.queryPool;
}

/**
 * The one namer of the pool's prepared statements (lib/prepared-statements.ts), shared by Prisma's
 * adapter and directQuery: a name must mean one text on every connection of the pool. In-process,
 * interleaved, on the machine's PostgreSQL 15: the inventory page's four queries 2.89 → 2.65 ms
 * back to back and 5.84 → 5.41 ms after 100 ms idle, the session check 0.52 → 0.30 and 1.46 →
 * 1.03 ms (medians of 150–300; bench/README.md, *Changed*).
 */
function statementNamer(): StatementNamer {
  globalForPrisma.statementNamer ??= createStatementNamer({
    onFull: (limit) => log.warn({ limit }, "prepared statement names used up: new statement texts now run unprepared"),
  });
  return globalForPrisma.statementNamer;
}

function client(): PrismaClient {
  if (!globalForPrisma.prisma) {
    const names = statementNamer();
    // The option is typed to return a string, but the adapter hands its result to pg as `name`,
    // where undefined is what it sends without the option: an unnamed statement.
    const adapter = new PrismaPg(queryPool(), { statementNameGenerator: (query) => names(query.sql) as string });
    // The pool and the client are kept on globalThis so hot reloads in development reuse them
    // instead of leaking pools. Under a burst (bulk rotation) transactions queue for a pooled
    // connection: wait for one rather than failing after Prisma's default 2 s.
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
  // Prisma leaves a pool it was given open.
  await globalForPrisma.queryPool?.end();
  globalForPrisma.queryPool = undefined;
}

// A timestamp column holds UTC wall time (Prisma writes it so); pg would read it as local time.
const TIMESTAMP_OID = 1114;
const parseUtcTimestamp = (value: string): Date => new Date(`${value.replace(" ", "T")}Z`);
const utcTimestamps = {
  getTypeParser: (oid: number, format?: "text" | "binary") => (oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format)),
} as pg.CustomTypesConfig;

/** A Date parameter as UTC wall time (a cast to timestamp drops the zone), as Prisma sends it. */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(parameter);
  return value;
}

/**
 * One statement written with Prisma.sql, sent to the same pool without Prisma's query engine: for
 * the statements on every request's path, the session check every page and action makes and a
 * connection change written with its audit event (a rotation's stored result). Each comes after a
 * wait (for the browser's request, for the ~100 ms PATCH to Flow Service), and after one the
 * engine's longer path cost 0.8–1.7 ms more a statement than pg's on the bench's 2-core machine
 * (medians of 150 after 100 ms idle: 2.41 against 1.65 ms for the session check, 3.40 against
 * 1.71 ms for the rotation's write; 0.3–0.6 ms more back to back). Through the rotate action, the
 * simulator at 100 ms and every call 100 ms after the last, 14.0 and 14.9 ms above the PATCH
 * against 15.9 and 15.3 ms through Prisma (bench/action-overhead.ts, alternating runs).
 * Rows come as pg parses them: json parsed, timestamps as UTC Dates, but int8 and numeric as
 * strings (Prisma gives bigint and Decimal): cast those in the statement. Two more are sent this
 * way: a sync's read of each listed page's stored rows, for their count (a hundred in every
 * background sync of 10,000 connections, lib/connections/apply-page.ts), and the inventory page's
 * one statement, which every visit makes (lib/connections/inventory.ts). Everything else uses `db`.
 */
export async function directQuery<T extends object>(query: Prisma.Sql): Promise<{ rows: T[]; rowCount: number }> {
  const result = await queryPool().query<T>({ text: query.text, values: query.values.map(parameter), types: utcTimestamps, name: statementNamer()(query.text) });
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}
