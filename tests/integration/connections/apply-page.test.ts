// A sync's page either reads its stored rows first or, after a page that met none, inserts first
// and reads only the rows that were already stored. Whichever way a page goes, the inventory ends
// the same: new connections imported once, changed ones written, drift flagged, the rest untouched.
import { beforeEach, describe, expect, inject, it } from "vitest";
import { applyRemotePage } from "@/lib/connections/apply-page";
import { syncSandbox, type SyncReport } from "@/lib/connections/sync";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import type { RemoteConnection } from "@/lib/flow-service/types";
import { resetDatabase } from "../support/reset";
import { useTestServices } from "../support/use-test-services";

const system = { email: "system@console" };
const emptyReport = (): SyncReport => ({ sandbox: "prod", seen: 0, imported: 0, updated: 0, drifted: 0, missing: 0, pages: 0, durationMs: 0 });

async function listed(): Promise<RemoteConnection[]> {
  const all: RemoteConnection[] = [];
  for await (const page of flowService().listConnectionPages({ sandbox: "prod", pageSize: 100 })) all.push(...page.connections);
  return all;
}

const storedRows = () => db.connection.findMany({ where: { sandboxName: "prod" }, orderBy: { remoteId: "asc" } });

describe(`a sync's pages, read first or inserted first (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ seed: 60, resetDatabase: false });
  beforeEach(async () => {
    await resetDatabase();
  });

  it("inserts the next page first after a page that met no stored row, and reads first after one that did", async () => {
    const remote = await listed();
    const times = () => ({ stamp: new Date(), fetchedAt: new Date() });
    const report = emptyReport();
    expect(await applyRemotePage("prod", remote.slice(0, 20), times(), report, "read-first")).toBe("insert-first");
    expect(await applyRemotePage("prod", remote.slice(20, 40), times(), report, "insert-first")).toBe("insert-first");
    // A page of stored rows, read first or inserted first, sends the next page back to reading first.
    expect(await applyRemotePage("prod", remote.slice(0, 20), times(), report, "read-first")).toBe("read-first");
    expect(await applyRemotePage("prod", remote.slice(10, 30), times(), report, "insert-first")).toBe("read-first");
    expect(report).toMatchObject({ imported: 40, updated: 0, drifted: 0 });
    expect(await db.connection.count({ where: { sandboxName: "prod" } })).toBe(40);
  });

  it("writes a page inserted first as a page read first would: new rows imported, changed ones written, drift flagged, the rest untouched", async () => {
    await syncSandbox("prod", system);
    const before = new Map((await storedRows()).map((row) => [row.remoteId, row]));
    const [renamed, drifted, unchanged] = (await listed()).slice(0, 3) as [RemoteConnection, RemoteConnection, RemoteConnection];
    const renamedEtag = (await flowService().patchConnection(renamed.id, renamed.etag, [{ op: "replace", path: "/name", value: "Renamed elsewhere" }], { sandbox: "prod" })).etag;
    services.flow.touch(drifted.id);
    services.flow.seed(5, "prod");
    const stored = new Set(before.keys());
    const page = (await listed()).filter((c) => [renamed.id, drifted.id, unchanged.id].includes(c.id) || !stored.has(c.id));
    expect(page).toHaveLength(8);

    const report = emptyReport();
    const next = await applyRemotePage("prod", page, { stamp: new Date(), fetchedAt: new Date() }, report, "insert-first");

    expect(next).toBe("read-first");
    expect(report).toMatchObject({ imported: 5, updated: 2, drifted: 2 });
    const after = new Map((await storedRows()).map((row) => [row.remoteId, row]));
    expect(after.size).toBe(before.size + 5);
    // Renamed with the etag the console does not hold: Flow Service changed it, so it is drift too.
    expect(after.get(renamed.id)).toMatchObject({ name: "Renamed elsewhere", remoteEtag: renamedEtag, etag: before.get(renamed.id)!.etag });
    expect(after.get(renamed.id)!.driftDetectedAt).not.toBeNull();
    expect(after.get(drifted.id)!.driftDetectedAt).not.toBeNull();
    expect(after.get(drifted.id)!.etag).toBe(before.get(drifted.id)!.etag);
    expect(after.get(unchanged.id)!.updatedAt).toEqual(before.get(unchanged.id)!.updatedAt);
  });

  it("imports a sandbox whose first pages are new and whose later pages are stored, changes included", async () => {
    await syncSandbox("prod", system, { pageSize: 10 });
    const order = await listed();
    // The first 25 in listing order are forgotten, so the sync meets 2½ pages of new rows first;
    // the third page, inserted first, then meets five stored rows, one of them changed elsewhere.
    await db.connection.deleteMany({ where: { sandboxName: "prod", remoteId: { in: order.slice(0, 25).map((c) => c.id) } } });
    const later = order[27]!;
    services.flow.touch(later.id);
    const unchangedBefore = await db.connection.findUniqueOrThrow({ where: { sandboxName_remoteId: { sandboxName: "prod", remoteId: order[50]!.id } } });

    const report = await syncSandbox("prod", system, { pageSize: 10 });

    expect(report).toMatchObject({ seen: order.length, imported: 25, updated: 1, drifted: 1, missing: 0 });
    expect(await db.connection.count({ where: { sandboxName: "prod" } })).toBe(order.length);
    const drifted = await db.connection.findUniqueOrThrow({ where: { sandboxName_remoteId: { sandboxName: "prod", remoteId: later.id } } });
    expect(drifted.driftDetectedAt).not.toBeNull();
    const unchanged = await db.connection.findUniqueOrThrow({ where: { sandboxName_remoteId: { sandboxName: "prod", remoteId: order[50]!.id } } });
    expect(unchanged.updatedAt).toEqual(unchangedBefore.updatedAt);
  });
});
