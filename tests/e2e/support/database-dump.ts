// Everything the console stored, as text, for the secret canaries to search: every application
// table and the job queue's payloads and outputs. The queries run one after another: a pg client
// runs one query at a time (pg 8 queues concurrent ones with a deprecation warning; pg 9 refuses).
import pg from "pg";

export async function databaseDump(): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_DUMP_URL });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    const rows: string[] = [];
    for (const { table_name: table } of tables.rows) rows.push(JSON.stringify((await client.query(`SELECT * FROM "${table}"`)).rows));
    rows.push(JSON.stringify((await client.query("SELECT data, output FROM pgboss.job")).rows));
    return rows.join("\n");
  } finally {
    await client.end();
  }
}
