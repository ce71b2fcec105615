import { beforeEach, describe, expect, inject, it } from "vitest";
import { listInventory } from "@/lib/connections/inventory";
import { parseInventoryQuery } from "@/lib/connections/inventory-query";
import { lastCompleteSync, lastSeenAt, recordCompleteSync } from "@/lib/connections/last-seen";
import { credentialFingerprint } from "@/lib/connections/credential-fingerprint";
import { remoteColumns } from "@/lib/connections/remote-record";
import { syncSandbox } from "@/lib/connections/sync";
import { runSyncJob, SYSTEM_ACTOR } from "@/lib/connections/sync-jobs";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { QUEUES, type JobContext } from "@/lib/jobs";
import { resetDatabase } from "../support/reset";
import { useTestServices } from "../support/use-test-services";

const system = { email: "system@console" };
const SEED = 250;

describe(`sync with Flow Service (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ seed: SEED, resetDatabase: false });
  beforeEach(async () => {
    await resetDatabase();
  });

  it("imports every connection created outside the console, across pages", async () => {
    const report = await syncSandbox("prod", system, { pageSize: 40 });
    const remote = services.flow.connections("prod");
    expect(report).toMatchObject({ seen: remote.length, imported: remote.length, missing: 0, drifted: 0 });
    expect(report.pages).toBe(Math.ceil(remote.length / 40));
    expect(await db.connection.count({ where: { sandboxName: "prod" } })).toBe(remote.length);
    const sample = remote[7] as { id: string; etag: string; name: string };
    const row = await db.connection.findUniqueOrThrow({ where: { sandboxName_remoteId: { sandboxName: "prod", remoteId: sample.id } } });
    expect(row).toMatchObject({ name: sample.name, etag: sample.etag, remoteEtag: sample.etag, driftDetectedAt: null, remoteMissingSince: null });
    expect(await db.connection.count({ where: { sandboxName: "dev" } })).toBe(0);
  });

  it("stores every mirrored column of an imported connection as Flow Service shows it, nulls and dates included", async () => {
    const started = new Date();
    await syncSandbox("prod", system);
    const { connections } = await flowService().listConnections({ sandbox: "prod" });
    const rows = await db.connection.findMany({ where: { sandboxName: "prod", remoteId: { in: connections.map((c) => c.id) } } });
    expect(rows).toHaveLength(connections.length);
    const byId = new Map(rows.map((row) => [row.remoteId, row]));
    for (const remote of connections) {
      const row = byId.get(remote.id)!;
      expect(row).toMatchObject({ ...remoteColumns(remote), etag: remote.etag, credentialFingerprint: credentialFingerprint(remote) });
      expect(row.lastSyncedAt!.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1);
    }
    // The sample covers what the mapping turns into null and into dates.
    expect(connections.some((c) => remoteColumns(c).serviceUrl === null)).toBe(true);
    expect(connections.every((c) => remoteColumns(c).remoteCreatedAt instanceof Date)).toBe(true);
  });

  it("records the sandbox's last complete sync, and none before one or for another sandbox", async () => {
    expect(await lastCompleteSync("prod")).toBeNull();
    const before = new Date();
    const report = await syncSandbox("prod", system);
    const sync = await lastCompleteSync("prod");
    expect(sync!.startedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(sync!.finishedAt.getTime() - sync!.startedAt.getTime()).toBeLessThanOrEqual(report.durationMs + 1);
    // The imported rows carry the sync's start as their stamp, the time the page shows beside them.
    const rows = await db.connection.findMany({ where: { sandboxName: "prod" }, select: { lastSyncedAt: true } });
    expect(new Set(rows.map((row) => row.lastSyncedAt!.getTime()))).toEqual(new Set([sync!.startedAt.getTime()]));
    expect(await lastCompleteSync("dev")).toBeNull();
  });

  it("keeps the later of two complete syncs whichever ends last", async () => {
    const at = (second: number) => new Date(Date.UTC(2026, 11, 3, 12, 0, second));
    await recordCompleteSync("prod", { startedAt: at(10), finishedAt: at(20) });
    // A sync that started earlier and ended later (an overlapping retry) does not set it back.
    await recordCompleteSync("prod", { startedAt: at(5), finishedAt: at(25) });
    expect(await lastCompleteSync("prod")).toEqual({ startedAt: at(10), finishedAt: at(20) });
    await recordCompleteSync("prod", { startedAt: at(30), finishedAt: at(31) });
    expect(await lastCompleteSync("prod")).toEqual({ startedAt: at(30), finishedAt: at(31) });
  });

  it("writes no row on a second sync when nothing changed remotely, and reads every row as seen by it", async () => {
    await syncSandbox("prod", system);
    const columns = { id: true, lastSyncedAt: true, updatedAt: true } as const;
    const stored = await db.connection.findMany({ where: { sandboxName: "prod" }, select: columns, orderBy: { id: "asc" } });
    const second = await syncSandbox("prod", system);
    expect(second).toMatchObject({ imported: 0, updated: 0, drifted: 0, missing: 0 });
    expect(await db.connection.findMany({ where: { sandboxName: "prod" }, select: columns, orderBy: { id: "asc" } })).toEqual(stored);
    const sync = await lastCompleteSync("prod");
    const { rows, lastSync } = await listInventory("prod", parseInventoryQuery({ size: "100" }));
    expect(lastSync).toEqual(sync);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.lastSyncedAt).toEqual(sync!.startedAt);
  });

  it("keeps, as a deleted connection's stamp, the last time a sync listed it", async () => {
    await syncSandbox("prod", system);
    await syncSandbox("prod", system);
    const listedLast = (await lastCompleteSync("prod"))!.startedAt;
    const target = services.flow.connections("prod")[5] as { id: string; etag: string };
    await flowService().deleteConnection(target.id, target.etag, { sandbox: "prod" });
    await syncSandbox("prod", system);
    const row = await db.connection.findUniqueOrThrow({ where: { sandboxName_remoteId: { sandboxName: "prod", remoteId: target.id } } });
    expect(row.remoteMissingSince).not.toBeNull();
    expect(row.lastSyncedAt).toEqual(listedLast);
    expect(lastSeenAt(row, await lastCompleteSync("prod"))).toEqual(listedLast);
  });

  it("records no complete sync and marks nothing missing when the listing fails", async () => {
    await syncSandbox("prod", system);
    const sync = await lastCompleteSync("prod");
    const target = services.flow.connections("prod")[2] as { id: string; etag: string };
    await flowService().deleteConnection(target.id, target.etag, { sandbox: "prod" });
    services.flow.addFault({ method: "GET", pathPattern: "/connections$", kind: "status", status: 400, times: 1 });
    await expect(syncSandbox("prod", system)).rejects.toThrow();
    services.flow.clearFaults();
    expect(await lastCompleteSync("prod")).toEqual(sync);
    expect(await db.connection.count({ where: { sandboxName: "prod", remoteMissingSince: { not: null } } })).toBe(0);
  });

  it("sorts by the time a sync last saw each row: the rows seen since, then the last sync's, then the missing ones", async () => {
    await syncSandbox("prod", system);
    const [gone, alsoGone] = services.flow.connections("prod").slice(0, 2) as { id: string; etag: string }[];
    await flowService().deleteConnection(gone!.id, gone!.etag, { sandbox: "prod" });
    await syncSandbox("prod", system);
    await flowService().deleteConnection(alsoGone!.id, alsoGone!.etag, { sandbox: "prod" });
    await syncSandbox("prod", system);
    // A row the console wrote after the last sync (as a creation stamps it) was seen since.
    const later = new Date(Date.now() + 60_000);
    const fresh = await db.connection.findFirstOrThrow({ where: { sandboxName: "prod", remoteMissingSince: null }, orderBy: { name: "desc" } });
    await db.connection.update({ where: { id: fresh.id }, data: { lastSyncedAt: later, createdAt: later } });
    const all = async (dir: "asc" | "desc") => {
      const rows = [];
      for (let page = 1, pages = 1; page <= pages; page += 1) {
        const result = await listInventory("prod", parseInventoryQuery({ sort: "lastSyncedAt", dir, size: "100", page: String(page) }));
        rows.push(...result.rows);
        pages = result.pages;
      }
      return rows;
    };
    const desc = await all("desc");
    const seen = desc.map((row) => row.lastSyncedAt!.getTime());
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(desc[0]!.remoteId).toBe(fresh.remoteId);
    expect(desc.slice(-2).map((row) => row.remoteId)).toEqual([alsoGone!.id, gone!.id]);
    const asc = await all("asc");
    expect(asc.map((row) => row.lastSyncedAt!.getTime())).toEqual([...seen].sort((a, b) => a - b));
    expect(asc.slice(0, 2).map((row) => row.remoteId)).toEqual([gone!.id, alsoGone!.id]);
  });

  it("flags an etag changed outside the console as drift and keeps the stored etag", async () => {
    await syncSandbox("prod", system);
    const target = services.flow.connections("prod")[3] as { id: string; etag: string };
    services.flow.touch(target.id);
    const report = await syncSandbox("prod", system);
    expect(report.drifted).toBe(1);
    const row = await db.connection.findUniqueOrThrow({ where: { sandboxName_remoteId: { sandboxName: "prod", remoteId: target.id } } });
    expect(row.etag).toBe(target.etag);
    expect(row.remoteEtag).not.toBe(target.etag);
    expect(row.driftDetectedAt).not.toBeNull();
  });

  it("marks a connection deleted remotely as missing instead of dropping it", async () => {
    await syncSandbox("prod", system);
    const target = services.flow.connections("prod")[5] as { id: string; etag: string };
    await flowService().deleteConnection(target.id, target.etag, { sandbox: "prod" });
    const report = await syncSandbox("prod", system);
    expect(report.missing).toBe(1);
    const row = await db.connection.findUniqueOrThrow({ where: { sandboxName_remoteId: { sandboxName: "prod", remoteId: target.id } } });
    expect(row.remoteMissingSince).not.toBeNull();
  });

  it("audits each sync with its counts and a Flow Service request id", async () => {
    await syncSandbox("prod", system);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "connections.sync" } });
    expect(event.outcome).toBe("success");
    expect(event.requestId).toBeTruthy();
    expect(event.details).toMatchObject({ imported: services.flow.connections("prod").length });
  });

  it("audits the scheduler's syncs only when they change the inventory, and a person's every time", async () => {
    const job: JobContext = { id: "00000000-0000-4000-8000-000000000001", queue: QUEUES.syncSandbox, retryCount: 0, retryLimit: 3, workerIndex: 0 };
    const scheduled = { v: 1 as const, sandbox: "prod", trigger: "schedule" as const, actor: SYSTEM_ACTOR };
    const syncEvents = () => db.auditEvent.findMany({ where: { action: "connections.sync" }, orderBy: { occurredAt: "asc" }, select: { actorEmail: true, details: true } });

    // The first scheduled sync imports the sandbox: audited. The next finds nothing new: not.
    await runSyncJob(scheduled, job);
    await runSyncJob(scheduled, job);
    expect(await syncEvents()).toEqual([{ actorEmail: SYSTEM_ACTOR.email, details: expect.objectContaining({ imported: services.flow.connections("prod").length }) }]);
    expect(await lastCompleteSync("prod")).not.toBeNull();

    // A person asked: audited although nothing changed.
    await runSyncJob({ ...scheduled, trigger: "manual", actor: { id: null, email: "ops@example.com" } }, job);
    // Deleted elsewhere: the scheduler's sync marks it missing, which is a change.
    const target = services.flow.connections("prod")[3] as { id: string; etag: string };
    await flowService().deleteConnection(target.id, target.etag, { sandbox: "prod" });
    await runSyncJob(scheduled, job);
    expect((await syncEvents()).map((event) => [event.actorEmail, (event.details as { missing: number }).missing])).toEqual([
      [SYSTEM_ACTOR.email, 0],
      ["ops@example.com", 0],
      [SYSTEM_ACTOR.email, 1],
    ]);
  });
});
