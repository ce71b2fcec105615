import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { inventoryVacuumSettled } from "@/lib/connections/inventory-vacuum";
import { syncSandbox } from "@/lib/connections/sync";
import { db } from "@/lib/db";
import { resetDatabase } from "../support/reset";
import { useTestServices } from "../support/use-test-services";

const system = { email: "system@console" };

/** Manual VACUUM and ANALYZE runs of the inventory table (autovacuum's are counted apart), its dead row versions and its row estimate. */
async function tableState(): Promise<{ vacuums: number; analyses: number; dead: number; reltuples: number }> {
  // The sync does not wait for its vacuum; the test does.
  await inventoryVacuumSettled();
  // One statement outside any transaction: the statistics views cache their figures per transaction only.
  const [row] = await db.$queryRawUnsafe<{ vacuums: number; analyses: number; dead: number; reltuples: number }[]>(
    `SELECT s.vacuum_count::int AS vacuums, s.analyze_count::int AS analyses, s.n_dead_tup::int AS dead, c.reltuples::float8 AS reltuples FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relid = '"Connection"'::regclass`,
  );
  return row!;
}

/** How many of a sandbox's rows PostgreSQL's planner expects (its statistics, not a count). */
async function plannedRows(sandboxName: string): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Connection" WHERE "sandboxName" = '${sandboxName}'`);
  return row!["QUERY PLAN"][0].Plan["Plan Rows"];
}

/**
 * Every row's physical version. Any write gives a row a new one, so equal lists mean nothing was
 * written: exact where n_dead_tup is not (each backend reports its counts up to a second late, so a
 * previous test's updates can land in it after this test's reset).
 */
async function rowVersions(): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ version: string }[]>(`SELECT ctid::text || ' ' || xmin::text AS version FROM "Connection" ORDER BY id`);
  return rows.map((row) => row.version);
}

describe(`the inventory's table after a sync (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ seed: 250, resetDatabase: false });
  let listed: number;
  beforeAll(async () => {
    listed = services.flow.connections("prod").length;
    // autovacuum would skip the console's vacuum (SKIP_LOCKED) whenever it happened to be at work.
    await db.$executeRawUnsafe('ALTER TABLE "Connection" SET (autovacuum_enabled = false)');
  });
  afterAll(async () => {
    await db.$executeRawUnsafe('ALTER TABLE "Connection" RESET (autovacuum_enabled)');
  });
  beforeEach(async () => {
    await resetDatabase();
    // The emptied table as a fresh install has it: known to hold no rows.
    await db.$executeRawUnsafe('VACUUM "Connection"');
  });

  it("is vacuumed by a sync that wrote most of it: no dead row versions are left for readers", async () => {
    const empty = await tableState();
    // An import: no dead versions, but pages PostgreSQL does not yet know to be all-visible.
    expect(await syncSandbox("prod", system)).toMatchObject({ imported: listed });
    const imported = await tableState();
    expect(imported.vacuums).toBe(empty.vacuums + 1);
    expect(imported.reltuples).toBe(listed);
    // Every connection changed outside the console: the next sync rewrites every row.
    for (const connection of services.flow.connections("prod") as { id: string }[]) services.flow.touch(connection.id);
    expect(await syncSandbox("prod", system)).toMatchObject({ updated: listed });
    const rewritten = await tableState();
    expect(rewritten.vacuums).toBe(imported.vacuums + 1);
    expect(rewritten.dead).toBe(0);
    expect(rewritten.reltuples).toBe(listed);
  });

  it("is neither written nor vacuumed by a sync that found nothing new", async () => {
    await syncSandbox("prod", system);
    const before = await tableState();
    const versions = await rowVersions();
    expect(versions).toHaveLength(listed);
    expect(await syncSandbox("prod", system)).toMatchObject({ seen: listed, imported: 0, updated: 0, missing: 0 });
    const after = await tableState();
    expect(await rowVersions()).toEqual(versions);
    expect(after.vacuums).toBe(before.vacuums);
  });

  it("is not vacuumed when the rows one sync wrote are a small part of it, but analysed when they are most of their sandbox", async () => {
    // Another sandbox's 2,000 rows, analysed: the 250 a sync of prod writes are under 50 + 20 % of
    // the table, and the statistics know nothing of prod.
    await db.$executeRawUnsafe(`INSERT INTO "Connection" (id, "sandboxName", "remoteId", name, platform, "authSpecName", etag, "updatedAt")
      SELECT gen_random_uuid(), 'other', 'other-' || i, 'other ' || i, 'azure', 'Access Key', 'e', now() FROM generate_series(1, 2000) AS i`);
    await db.$executeRawUnsafe('VACUUM ANALYZE "Connection"');
    const before = await tableState();
    expect(await syncSandbox("prod", system)).toMatchObject({ imported: listed });
    const imported = await tableState();
    expect(imported.vacuums).toBe(before.vacuums);
    // The import is all of prod: the table is analysed, and the planner expects prod's rows.
    expect(imported.analyses).toBe(before.analyses + 1);
    expect(await plannedRows("prod")).toBe(listed);
    // Ten connections changed outside the console: under a tenth of prod, so left to autovacuum.
    for (const connection of (services.flow.connections("prod") as { id: string }[]).slice(0, 10)) services.flow.touch(connection.id);
    expect(await syncSandbox("prod", system)).toMatchObject({ updated: 10 });
    expect(await tableState()).toMatchObject({ vacuums: imported.vacuums, analyses: imported.analyses });
  });
});
