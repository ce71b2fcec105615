// The inventory's views on the real database: each filter and sort of the URL, the pages and their
// count in one statement, and a run started from a view selecting the rows that view shows.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { listInventory } from "@/lib/connections/inventory";
import { parseInventoryQuery } from "@/lib/connections/inventory-query";
import { recordCompleteSync } from "@/lib/connections/last-seen";
import { db } from "@/lib/db";
import { selectConnections } from "@/lib/runs/select";
import { resetDatabase } from "../support/reset";

const NOW = new Date("2026-12-01T12:00:00.000Z");
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

type Seed = { remoteId: string; name: string; platform?: "azure" | "aws"; bucketName?: string | null; remoteState?: string | null; expiresIn?: number; missing?: boolean; drift?: boolean; flows?: [total: number, failing: number]; roleArn?: boolean };

// Each row is there for a filter or a sort below. The names sort alike in every collation (the
// underscore decides nothing), and no sort below depends on how ties by id fall.
const SEEDS: Seed[] = [
  { remoteId: "a0000000-0000-4000-8000-000000000001", name: "Alpha", bucketName: "raw-events", remoteState: "enabled", expiresIn: -2, flows: [3, 1] },
  { remoteId: "b0000000-0000-4000-8000-000000000002", name: "Bravo 50%", bucketName: "exports", remoteState: "enabled", expiresIn: 30, flows: [2, 0] },
  { remoteId: "c0000000-0000-4000-8000-000000000003", name: "Charlie_x", bucketName: null, remoteState: "disabled", expiresIn: 24 * 30, drift: true },
  { remoteId: "d0000000-0000-4000-8000-000000000004", name: "Delta", platform: "aws", bucketName: "raw-archive", remoteState: null, roleArn: true, flows: [5, 2] },
  { remoteId: "e0000000-0000-4000-8000-000000000005", name: "Echo", bucketName: "exports-old", remoteState: "enabled", missing: true, expiresIn: -48 },
  { remoteId: "f0000000-0000-4000-8000-000000000006", name: "Charlieyx", bucketName: "z-last", remoteState: "enabled" },
];

const view = (params: Record<string, string>) => listInventory("prod", parseInventoryQuery(params), NOW);
const names = async (params: Record<string, string>) => (await view(params)).rows.map((row) => row.name);

describe(`the inventory's views (${inject("databaseTarget")})`, () => {
  beforeAll(async () => {
    await resetDatabase();
    for (const [index, seed] of SEEDS.entries()) {
      const row = await db.connection.create({
        data: {
          sandboxName: "prod",
          remoteId: seed.remoteId,
          name: seed.name,
          platform: seed.platform ?? "azure",
          authSpecName: seed.platform === "aws" ? "IAMRole Based" : "Access Key",
          bucketName: seed.bucketName === undefined ? "bucket" : seed.bucketName,
          remoteState: seed.remoteState === undefined ? "enabled" : seed.remoteState,
          etag: `"etag-${index}"`,
          sessionTokenExpiresAt: seed.expiresIn === undefined ? null : hours(seed.expiresIn),
          remoteMissingSince: seed.missing ? hours(-1) : null,
          driftDetectedAt: seed.drift ? hours(-3) : null,
          rotationRoleArn: seed.roleArn ? "arn:aws:iam::123456789012:role/rotator" : null,
          lastSyncedAt: hours(-index),
        },
      });
      if (seed.flows) await db.connectionDataflows.create({ data: { connectionId: row.id, total: seed.flows[0], failing: seed.flows[1], changedAt: NOW } });
    }
    // Another sandbox's row matches every filter below and must never show.
    await db.connection.create({ data: { sandboxName: "dev", remoteId: "a0000000-0000-4000-8000-00000000000f", name: "Alpha", platform: "azure", authSpecName: "Access Key", etag: '"dev"', sessionTokenExpiresAt: hours(-2) } });
  });

  it("shows the sandbox's rows by name with their count, dataflow figures and last complete sync", async () => {
    await recordCompleteSync("prod", { startedAt: hours(-10), finishedAt: hours(-9) });
    const result = await view({});
    expect(result.rows.map((row) => row.name)).toEqual(["Alpha", "Bravo 50%", "Charlie_x", "Charlieyx", "Delta", "Echo"]);
    expect(result.total).toBe(6);
    expect(result.pages).toBe(1);
    expect(result.lastSync).toEqual({ startedAt: hours(-10), finishedAt: hours(-9) });
    const alpha = result.rows.find((row) => row.name === "Alpha")!;
    expect(alpha.dataflowSummary).toEqual({ total: 3, failing: 1 });
    expect(alpha.platform).toBe("azure");
    expect(alpha.sessionTokenExpiresAt).toEqual(hours(-2));
    expect(result.rows.find((row) => row.name === "Charlieyx")!.dataflowSummary).toBeNull();
  });

  it("keeps what each filter names, in this sandbox only", async () => {
    expect(await names({ platform: "aws" })).toEqual(["Delta"]);
    expect(await names({ auth: "IAMRole Based" })).toEqual(["Delta"]);
    expect(await names({ state: "missing" })).toEqual(["Echo"]);
    expect(await names({ state: "enabled" })).toEqual(["Alpha", "Bravo 50%", "Charlieyx"]);
    expect(await names({ state: "disabled" })).toEqual(["Charlie_x"]);
    expect(await names({ token: "expired" })).toEqual(["Alpha", "Echo"]);
    expect(await names({ token: "expiring" })).toEqual(["Bravo 50%"]);
    expect(await names({ token: "expiring", days: "31" })).toEqual(["Bravo 50%", "Charlie_x"]);
    expect(await names({ token: "attention" })).toEqual(["Alpha", "Bravo 50%", "Echo"]);
    expect(await names({ drift: "yes" })).toEqual(["Charlie_x"]);
    expect(await names({ dataflows: "failing" })).toEqual(["Alpha", "Delta"]);
    expect(await names({ platform: "azure", dataflows: "failing", token: "expired" })).toEqual(["Alpha"]);
  });

  it("searches names and buckets whatever the case, remote ids by their start, and wildcards as text", async () => {
    expect(await names({ q: "RAW" })).toEqual(["Alpha", "Delta"]);
    expect(await names({ q: "charlie" })).toEqual(["Charlie_x", "Charlieyx"]);
    expect(await names({ q: "charlie_" })).toEqual(["Charlie_x"]);
    expect(await names({ q: "50%" })).toEqual(["Bravo 50%"]);
    expect(await names({ q: "%" })).toEqual(["Bravo 50%"]);
    expect(await names({ q: "D0000000-0000" })).toEqual(["Delta"]);
    expect(await names({ q: "0000-4000" })).toEqual([]);
  });

  it("sorts by each column with empty values last, by dataflow figures and by last sight", async () => {
    expect(await names({ dir: "desc" })).toEqual(["Echo", "Delta", "Charlieyx", "Charlie_x", "Bravo 50%", "Alpha"]);
    expect(await names({ sort: "bucketName" })).toEqual(["Bravo 50%", "Echo", "Delta", "Alpha", "Charlieyx", "Charlie_x"]);
    expect(await names({ sort: "bucketName", dir: "desc" })).toEqual(["Charlieyx", "Alpha", "Delta", "Echo", "Bravo 50%", "Charlie_x"]);
    const byState = await names({ sort: "remoteState" });
    expect([byState[0], byState.at(-1)]).toEqual(["Charlie_x", "Delta"]);
    const byExpiry = await names({ sort: "sessionTokenExpiresAt" });
    expect(byExpiry.slice(0, 4)).toEqual(["Echo", "Alpha", "Bravo 50%", "Charlie_x"]);
    expect(byExpiry.slice(4).sort()).toEqual(["Charlieyx", "Delta"]);
    expect((await names({ sort: "sessionTokenExpiresAt", dir: "desc" })).slice(0, 4)).toEqual(["Charlie_x", "Bravo 50%", "Alpha", "Echo"]);
    expect((await names({ sort: "platform" })).at(-1)).toBe("Delta");
    expect((await names({ sort: "platform", dir: "desc" }))[0]).toBe("Delta");
    // Failing flows, then flows; a connection no sync has counted sorts as PostgreSQL puts nulls.
    expect((await names({ sort: "dataflows" })).slice(0, 3)).toEqual(["Bravo 50%", "Alpha", "Delta"]);
    const byFlowsDesc = await names({ sort: "dataflows", dir: "desc" });
    expect(byFlowsDesc.slice(3)).toEqual(["Delta", "Alpha", "Bravo 50%"]);
    expect(byFlowsDesc.slice(0, 3).sort()).toEqual(["Charlie_x", "Charlieyx", "Echo"]);
    // Last sight: a missing row was last seen before every present one, so it comes first ascending.
    expect(await names({ sort: "lastSyncedAt" })).toEqual(["Echo", "Charlieyx", "Delta", "Charlie_x", "Bravo 50%", "Alpha"]);
    expect(await names({ sort: "lastSyncedAt", dir: "desc" })).toEqual(["Alpha", "Bravo 50%", "Charlie_x", "Delta", "Charlieyx", "Echo"]);
  });

  it("pages a view and reads the count of a page past the last by itself", async () => {
    const first = await view({ size: "10", page: "1" });
    expect(first.rows).toHaveLength(6);
    expect(first).toMatchObject({ total: 6, pages: 1 });
    const past = await view({ page: "3", size: "10" });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(6);
    expect(past.pages).toBe(1);
    expect(past.lastSync?.startedAt).toEqual(hours(-10));
    const none = await view({ platform: "aws", state: "disabled" });
    expect(none).toMatchObject({ rows: [], total: 0, pages: 1 });
  });

  it("starts a run on the rows its view shows", async () => {
    const selected = await selectConnections("prod", "token", { kind: "filter", query: { dataflows: "failing" } });
    expect(selected).toMatchObject({ ok: true, excluded: [{ reason: "AEP on AWS (IAM role): no session token", count: 1 }] });
    if (!selected.ok) throw new Error(selected.message);
    expect(selected.eligible.map((row) => row.name)).toEqual(["Alpha"]);
    const sts = await selectConnections("prod", "sts", { kind: "filter", query: { q: "raw" } });
    expect(sts).toMatchObject({ ok: true, excluded: [{ reason: "no rotation source (IAM role to assume)", count: 1 }] });
    if (!sts.ok) throw new Error(sts.message);
    expect(sts.eligible.map((row) => row.name)).toEqual(["Delta"]);
  });
});
