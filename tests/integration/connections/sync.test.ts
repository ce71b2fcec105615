import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { lastSyncedAt } from "@/lib/connections/inventory";
import { credentialFingerprint } from "@/lib/connections/credential-fingerprint";
import { remoteColumns } from "@/lib/connections/remote-record";
import { syncSandbox } from "@/lib/connections/sync";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { resetDatabase } from "../support/reset";
import { startTestServices, type TestServices } from "../support/local-services";

const system = { email: "system@console" };
const SEED = 250;

describe(`sync with Flow Service (${inject("databaseTarget")})`, () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await startTestServices({ seed: SEED });
  });
  afterAll(async () => {
    await services.close();
  });
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

  it("the inventory's last-synced time is the latest of its sandbox's rows, and none before a sync", async () => {
    expect(await lastSyncedAt("prod")).toBeNull();
    await syncSandbox("prod", system);
    const newest = await db.connection.findMany({ where: { sandboxName: "prod" }, select: { lastSyncedAt: true } });
    const latest = Math.max(...newest.map((row) => row.lastSyncedAt!.getTime()));
    expect((await lastSyncedAt("prod"))?.getTime()).toBe(latest);
    // A row never synced (created in the console) does not hide the others' time; another sandbox has none.
    await db.connection.updateMany({ where: { sandboxName: "prod", remoteId: (services.flow.connections("prod")[0] as { id: string }).id }, data: { lastSyncedAt: null } });
    expect((await lastSyncedAt("prod"))?.getTime()).toBeLessThanOrEqual(latest);
    expect(await lastSyncedAt("prod")).not.toBeNull();
    expect(await lastSyncedAt("dev")).toBeNull();
  });

  it("changes nothing on a second sync when nothing changed remotely", async () => {
    await syncSandbox("prod", system);
    const second = await syncSandbox("prod", system);
    expect(second).toMatchObject({ imported: 0, updated: 0, drifted: 0, missing: 0 });
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
});
