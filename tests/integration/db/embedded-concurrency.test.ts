// Many pool connections at once against the embedded server: every parameterized query must run
// with its own parameters (pglite-socket alone interleaves extended-protocol sequences).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/db/embedded-postgres";
import { freePort } from "@/scripts/free-port";
import { WireClient, wire } from "./wire";

describe("embedded database under concurrent connections", () => {
  let server: EmbeddedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    server = await startEmbeddedPostgres({ dataDir: "memory://", port: await freePort() });
    pool = new pg.Pool({ connectionString: server.url, max: 10 });
    await pool.query("CREATE TABLE t (id uuid PRIMARY KEY, n int NOT NULL, label text NOT NULL)");
  });
  afterAll(async () => {
    await pool.end();
    await server.stop();
  });

  it("keeps 400 concurrent parameterized statements of different shapes apart", async () => {
    const work = Array.from({ length: 400 }, async (_, i) => {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      await pool.query("INSERT INTO t (id, n, label) VALUES ($1, $2, $3)", [id, i, `label-${i}`]);
      const byLabel = await pool.query<{ n: number }>("SELECT n FROM t WHERE label = $1", [`label-${i}`]);
      const byId = await pool.query<{ label: string }>("SELECT label FROM t WHERE id = $1 AND n >= $2", [id, 0]);
      return byLabel.rows[0]?.n === i && byId.rows[0]?.label === `label-${i}`;
    });
    const results = await Promise.allSettled(work);
    const failures = results.filter((r) => r.status === "rejected" || r.value !== true);
    expect(failures.map((f) => (f.status === "rejected" ? String(f.reason) : "wrong row"))).toEqual([]);
  });

  it("runs a statement with its own parameters when another connection's Parse arrives between Parse and Bind", async () => {
    const a = await WireClient.open(server.port);
    const b = await WireClient.open(server.port);
    try {
      a.send(wire.parse("SELECT label FROM t WHERE n = $1::int"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      b.send(wire.parse("SELECT n FROM t WHERE id = $1::uuid"), wire.bind(["00000000-0000-4000-8000-000000000007"]), wire.execute(), wire.sync());
      await new Promise((resolve) => setTimeout(resolve, 50));
      a.send(wire.bind(["5"]), wire.execute(), wire.sync());
      const [answerA, answerB] = await Promise.all([a.readyForQuery(), b.readyForQuery()]);
      expect(answerA).toContain("label-5");
      expect(answerA).not.toContain("invalid input syntax");
      expect(answerB).not.toContain("invalid input syntax");
    } finally {
      a.close();
      b.close();
    }
  });

  it("keeps transactions of different connections apart", async () => {
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("UPDATE t SET n = n + $1 WHERE label = $2", [1000, `label-${i}`]);
          await client.query(i % 2 ? "ROLLBACK" : "COMMIT");
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await pool.query<{ label: string; n: number }>("SELECT label, n FROM t WHERE n >= 1000 ORDER BY n");
    expect(rows.map((r) => r.label).sort()).toEqual(Array.from({ length: 10 }, (_, k) => `label-${k * 2}`).sort());
  });
});
