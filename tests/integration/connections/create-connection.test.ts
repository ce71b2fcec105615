import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { createConnection } from "@/lib/connections/create-connection";
import { credentialFingerprint } from "@/lib/connections/credential-fingerprint";
import { remoteColumns } from "@/lib/connections/remote-record";
import type { NewConnection } from "@/lib/connections/schemas";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { DEMO_BUCKET, DEMO_FOLDER } from "@/simulators/s3/demo";
import { demoAzureInput } from "../support/connections";
import { resetDatabase } from "../support/reset";
import type { TestServices } from "../support/local-services";
import { useTestServices } from "../support/use-test-services";

const SECRET = "canary-secret-7f3a9c";
const TOKEN = "canary-token-51d2e8";
const actor = { email: "ops@example.com" };

function azureInput(name: string, submissionId = randomUUID()): NewConnection {
  return demoAzureInput(name, { submissionId, folderPath: DEMO_FOLDER, s3SecretKey: SECRET, s3SessionToken: TOKEN, sessionTokenExpiresAt: "2030-01-01T00:00" });
}

function remoteNamed(services: TestServices, name: string) {
  return services.flow.connections("prod").filter((c) => c.name === name);
}

describe(`creating a connection (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ resetDatabase: false });
  beforeEach(async () => {
    await resetDatabase();
    services.flow.clearFaults();
  });

  it("stores metadata, etag and an audit event with the request id, and never a secret", async () => {
    const result = await createConnection(azureInput("Exports"), actor, "prod");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = await db.connection.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(row).toMatchObject({ sandboxName: "prod", name: "Exports", platform: "azure", bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER, remoteState: "enabled" });
    expect(row.etag).toBe(remoteNamed(services, "Exports")[0]?.etag);
    expect(row.sessionTokenExpiresAt?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.create" } });
    expect(audit).toMatchObject({ outcome: "success", connectionId: row.id, targetId: result.data.remoteId });
    expect(audit.requestId).toMatch(/[0-9a-f-]{36}/);
    const everything = JSON.stringify(await Promise.all([db.connection.findMany(), db.auditEvent.findMany(), db.connectionCreation.findMany()]));
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(TOKEN);
    // Flow Service did receive the secret (the simulator keeps it, never echoes it).
    expect(services.flow.rawConnection(result.data.remoteId)?.auth.params.s3SecretKey).toBe(SECRET);
  });

  it("stores every mirrored column as Flow Service shows it, with the submission done and the event's details", async () => {
    const before = Date.now();
    const submissionId = randomUUID();
    const result = await createConnection({ ...azureInput("Columns", submissionId), description: "Mirrored columns" }, actor, "prod");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const remote = await flowService().getConnection(result.data.remoteId, { sandbox: "prod" });
    const row = await db.connection.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(row).toMatchObject({ ...remoteColumns(remote.connection), remoteId: result.data.remoteId, etag: remote.connection.etag, remoteEtag: remote.connection.etag, remoteMissingSince: null, driftDetectedAt: null, lastRotatedAt: null });
    expect(row.description).toBe("Mirrored columns");
    expect(row.credentialFingerprint).toBe(credentialFingerprint(remote.connection));
    for (const stamp of [row.lastSyncedAt, row.sessionTokenSetAt, row.createdAt, row.updatedAt]) {
      expect(stamp?.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(stamp?.getTime()).toBeLessThanOrEqual(Date.now());
    }
    const submission = await db.connectionCreation.findUniqueOrThrow({ where: { submissionId } });
    expect(submission).toMatchObject({ status: "done", remoteId: result.data.remoteId });
    expect(submission.finishedAt?.getTime()).toBe(row.createdAt.getTime());
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.create" } });
    expect(audit.details).toEqual({ name: "Columns", platform: "azure", bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER, adoptedAfterAmbiguousFailure: false });
  });

  it("makes one connection from five concurrent submissions of the same form", async () => {
    const input = azureInput("Double click");
    const results = await Promise.all(Array.from({ length: 5 }, () => createConnection(input, actor, "prod")));
    const ids = new Set(results.map((r) => (r.ok ? r.data.remoteId : `error:${r.error.code}`)));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toMatch(/^error/);
    expect(remoteNamed(services, "Double click")).toHaveLength(1);
    expect(await db.connection.count({ where: { name: "Double click" } })).toBe(1);
  });

  it("adopts the connection when the response is lost after Flow Service committed it", async () => {
    services.flow.addFault({ method: "POST", pathPattern: "/connections$", kind: "drop-after-commit", times: 1 });
    const result = await createConnection(azureInput("Dropped"), actor, "prod");
    expect(result.ok).toBe(true);
    expect(remoteNamed(services, "Dropped")).toHaveLength(1);
    expect(await db.connection.count({ where: { name: "Dropped" } })).toBe(1);
  });

  it("refuses a name already used in the sandbox before calling create", async () => {
    await createConnection(azureInput("Taken"), actor, "prod");
    const again = await createConnection(azureInput("Taken"), actor, "prod");
    expect(again).toMatchObject({ ok: false, error: { code: "validation", fields: { name: expect.any(String) } } });
    expect(remoteNamed(services, "Taken")).toHaveLength(1);
  });

  it("releases the submission after a definite failure, so the same form can be retried", async () => {
    services.flow.addFault({ method: "POST", pathPattern: "/connections$", kind: "status", status: 400, body: { type: "/placeholder/type/uri", status: 400, title: "BadRequestError", detail: "rejected by test" }, times: 1 });
    const input = azureInput("Retry me");
    const first = await createConnection(input, actor, "prod");
    expect(first.ok).toBe(false);
    expect(JSON.stringify(first)).not.toContain(SECRET);
    const second = await createConnection(input, actor, "prod");
    expect(second.ok).toBe(true);
    expect(remoteNamed(services, "Retry me")).toHaveLength(1);
    const outcomes = (await db.auditEvent.findMany({ where: { action: "connection.create" }, orderBy: { occurredAt: "asc" } })).map((e) => e.outcome);
    expect(outcomes).toEqual(["failure", "success"]);
  });
});
