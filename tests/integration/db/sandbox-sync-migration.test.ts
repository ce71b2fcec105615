// Upgrading a database whose syncs stamped every row: the migration that stops the stamps records
// each sandbox's last successful sync from the audit trail, so the inventory reads the same times
// after the upgrade as before it.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "@/scripts/db/migrations";
import { createScratchDatabase, currentTarget, type ScratchDatabase } from "../support/databases";

const MIGRATION = "20261203152056_sandbox_sync";

/** The migrations up to, not including, `MIGRATION`. */
function migrationsBefore(): string {
  const dir = mkdtempSync(join(tmpdir(), "migrations-"));
  for (const { name } of readMigrations().filter((m) => m.name < MIGRATION)) cpSync(join(MIGRATIONS_DIR, name), join(dir, name), { recursive: true });
  return dir;
}

describe(`the migration to one last-sync row per sandbox (${currentTarget()})`, () => {
  let scratch: ScratchDatabase | undefined;
  afterEach(async () => {
    await scratch?.drop();
    scratch = undefined;
  });

  it("takes each sandbox's last successful sync, its start from its audited duration", async () => {
    expect(readMigrations().map((m) => m.name)).toContain(MIGRATION);
    scratch = await createScratchDatabase();
    const before = migrationsBefore();
    try {
      await applyMigrations(scratch.url, { dir: before });
    } finally {
      rmSync(before, { recursive: true, force: true });
    }
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const event = (sandbox: string, at: string, outcome: string, durationMs: number, action = "connections.sync") =>
        client.query(`INSERT INTO "AuditEvent" (id, "occurredAt", "actorEmail", action, "sandboxName", "targetType", "targetId", outcome, details) VALUES (gen_random_uuid(), $1, 'system@scheduler', $2, $3, 'sandbox', $3, $4, $5)`, [at, action, sandbox, outcome, JSON.stringify({ durationMs })]);
      await event("prod", "2026-12-01 10:00:05.000", "success", 5_000);
      await event("prod", "2026-12-01 10:05:02.500", "success", 2_500);
      await event("prod", "2026-12-01 10:10:01.000", "failure", 1_000);
      await event("prod", "2026-12-01 10:11:00.000", "success", 1_000, "connections.rotate");
      await event("dev", "2026-12-01 09:00:00.250", "success", 250);
      await applyMigrations(scratch.url);
      const { rows } = await client.query(`SELECT "sandboxName", to_char("startedAt", 'YYYY-MM-DD HH24:MI:SS.MS') AS started, to_char("finishedAt", 'YYYY-MM-DD HH24:MI:SS.MS') AS finished FROM "SandboxSync" ORDER BY "sandboxName"`);
      expect(rows).toEqual([
        { sandboxName: "dev", started: "2026-12-01 09:00:00.000", finished: "2026-12-01 09:00:00.250" },
        { sandboxName: "prod", started: "2026-12-01 10:05:00.000", finished: "2026-12-01 10:05:02.500" },
      ]);
    } finally {
      await client.end();
    }
  });
});
