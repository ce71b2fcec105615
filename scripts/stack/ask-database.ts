// One short-lived connection for one question, closed whatever the answer: how the start script
// reads the database with `pg` alone, before (or instead of) loading the app's modules.
import pg from "pg";

export async function askDatabase<T>(url: string, ask: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return await ask(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
