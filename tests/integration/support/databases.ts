// Throwaway databases for integration tests: a throwaway embedded PostgreSQL cluster (always), or a
// fresh database on the PostgreSQL server named by TEST_DATABASE_URL. Nothing is shared between runs.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "@/scripts/db/embedded-postgres";
import { freePort } from "@/scripts/free-port";

export type DatabaseTarget = "embedded" | "postgres";
export type ScratchDatabase = { url: string; target: DatabaseTarget; drop(): Promise<void> };

export function currentTarget(): DatabaseTarget {
  return process.env.TEST_DB_TARGET === "postgres" ? "postgres" : "embedded";
}

export async function createScratchDatabase(target: DatabaseTarget = currentTarget()): Promise<ScratchDatabase> {
  if (target === "embedded") {
    const server = await startEmbeddedPostgres({ port: await freePort() });
    return { url: server.url, target, drop: server.stop };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DB_TARGET=postgres needs TEST_DATABASE_URL (a server where this user may CREATE DATABASE)");
  const name = `s3console_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    target,
    drop: () => withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
