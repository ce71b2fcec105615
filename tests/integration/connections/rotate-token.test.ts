import { beforeEach, describe, expect, inject, it } from "vitest";
import { patchCredentials, rotateSessionToken } from "@/lib/connections/rotate-token";
import { rotateTokenSchema } from "@/lib/connections/schemas";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { createDemoConnection } from "../support/connections";
import { resetDatabase } from "../support/reset";
import { useTestServices } from "../support/use-test-services";

const actor = { email: "ops@example.com" };

const newConnection = (name: string) => createDemoConnection(name, actor);

const token = (value: string, expiry = "") => rotateTokenSchema.parse({ s3SessionToken: value, sessionTokenExpiresAt: expiry });

describe(`session-token rotation (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ resetDatabase: false });
  beforeEach(async () => {
    await resetDatabase();
  });

  it("patches the token with If-Match, stores the new etag and expiry, never the token", async () => {
    const { remoteId, etag } = await newConnection("Rotate me");
    const result = await rotateSessionToken("prod", remoteId, token("canary-rotated-token-1", "2031-05-01T12:00"), actor);
    expect(result.ok).toBe(true);
    const row = await db.connection.findFirstOrThrow({ where: { remoteId } });
    expect(row.etag).not.toBe(etag);
    expect(row.etag).toBe(services.flow.rawConnection(remoteId)?.etag);
    expect(row.sessionTokenExpiresAt?.toISOString()).toBe("2031-05-01T12:00:00.000Z");
    expect(services.flow.rawConnection(remoteId)?.auth.params.s3SessionToken).toBe("canary-rotated-token-1");
    const dump = JSON.stringify(await Promise.all([db.connection.findMany(), db.auditEvent.findMany()]));
    expect(dump).not.toContain("canary-rotated-token-1");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.rotate_token" } });
    expect(audit).toMatchObject({ outcome: "success" });
    expect(audit.requestId).toBeTruthy();
  });

  it("writes the same row and audit event alone as with a run's write alongside", async () => {
    const started = Date.now();
    const witness = await newConnection("Witness");
    const written = async (name: string, alongside?: () => Prisma.Sql) => {
      const { remoteId, id } = await newConnection(name);
      const options = { action: "connection.rotate_token", details: { via: name }, alongside };
      const result = await patchCredentials("prod", remoteId, { s3SessionToken: `token-${name}`, expiresAt: new Date("2031-05-01T12:00:00.000Z") }, actor, options);
      if (!result.ok) throw new Error(result.error.message);
      const row = await db.connection.findUniqueOrThrow({ where: { id } });
      const event = await db.auditEvent.findFirstOrThrow({ where: { connectionId: id, action: "connection.rotate_token" } });
      expect(row.etag).toBe(result.data.etag);
      for (const at of [row.sessionTokenSetAt!, row.lastRotatedAt!, row.updatedAt, event.occurredAt]) {
        expect(at.getTime()).toBeGreaterThanOrEqual(started - 1_000);
        expect(at.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
      }
      return {
        row: { etagIsRemote: row.etag === row.remoteEtag, drift: row.driftDetectedAt, expires: row.sessionTokenExpiresAt?.toISOString(), sameStamp: row.sessionTokenSetAt?.getTime() === row.lastRotatedAt?.getTime() },
        event: { actorId: event.actorId, actorEmail: event.actorEmail, sandboxName: event.sandboxName, targetType: event.targetType, targetId: event.targetId === remoteId, outcome: event.outcome, requestId: event.requestId === result.data.requestId, details: event.details },
      };
    };
    const alone = await written("alone");
    expect((await db.connection.findUniqueOrThrow({ where: { id: witness.id } })).name).toBe("Witness");
    const inRun = await written("in-run", () => Prisma.sql`UPDATE "Connection" SET "name" = 'Written alongside' WHERE "id" = ${witness.id}::uuid`);
    expect((await db.connection.findUniqueOrThrow({ where: { id: witness.id } })).name).toBe("Written alongside");
    expect(alone.row).toEqual({ etagIsRemote: true, drift: null, expires: "2031-05-01T12:00:00.000Z", sameStamp: true });
    expect(inRun.row).toEqual(alone.row);
    expect(alone.event).toEqual({ actorId: null, actorEmail: actor.email, sandboxName: "prod", targetType: "connection", targetId: true, outcome: "success", requestId: true, details: { name: "alone", fields: ["s3SessionToken"], expiresAt: "2031-05-01T12:00:00.000Z", via: "alone" } });
    expect(inRun.event).toEqual({ ...alone.event, details: { ...alone.event.details as object, name: "in-run", via: "in-run" } });
  });

  it("stores nothing of the rotation when the write alongside fails: one statement, all or nothing", async () => {
    const { remoteId, id, etag } = await newConnection("All or nothing");
    const witness = await newConnection("Witness of a failed write");
    const alongside = () => Prisma.sql`UPDATE "Connection" SET "name" = NULL WHERE "id" = ${witness.id}::uuid`;
    const result = await patchCredentials("prod", remoteId, { s3SessionToken: "lands-remotely" }, actor, { action: "connection.rotate_token", alongside });
    expect(result.ok).toBe(false);
    // Flow Service took the PATCH; the console's record of it did not commit (a run's retry confirms it).
    expect(services.flow.rawConnection(remoteId)?.auth.params.s3SessionToken).toBe("lands-remotely");
    expect((await db.connection.findUniqueOrThrow({ where: { id } })).etag).toBe(etag);
    expect(await db.auditEvent.findMany({ where: { targetId: remoteId, action: "connection.rotate_token" }, select: { outcome: true } })).toEqual([{ outcome: "failure" }]);
  });

  it("still audits a rotation whose inventory row was removed while the PATCH was in flight", async () => {
    const { remoteId, id } = await newConnection("Removed meanwhile");
    const beforePatch = async () => void (await db.connection.delete({ where: { id } }));
    const result = await patchCredentials("prod", remoteId, { s3SessionToken: "lands-anyway" }, actor, { action: "connection.rotate_token", beforePatch });
    expect(result).toMatchObject({ ok: true, data: { remoteId } });
    expect(services.flow.rawConnection(remoteId)?.auth.params.s3SessionToken).toBe("lands-anyway");
    expect(await db.auditEvent.findMany({ where: { targetId: remoteId, action: "connection.rotate_token" }, select: { outcome: true, connectionId: true } })).toEqual([{ outcome: "success", connectionId: null }]);
  });

  it("replaces key id, secret and token together in one PATCH", async () => {
    const { remoteId } = await newConnection("Triple");
    const input = rotateTokenSchema.parse({ s3SessionToken: "tok", s3AccessKey: "ASIANEWKEY0000000001", s3SecretKey: "new-secret" });
    expect((await rotateSessionToken("prod", remoteId, input, actor)).ok).toBe(true);
    expect(services.flow.rawConnection(remoteId)?.auth.params).toMatchObject({ s3AccessKey: "ASIANEWKEY0000000001", s3SecretKey: "new-secret", s3SessionToken: "tok" });
  });

  it("never overwrites after an out-of-band change: reports the conflict, then retries against the fresh etag", async () => {
    const { remoteId, etag } = await newConnection("Changed elsewhere");
    services.flow.touch(remoteId);
    const remoteEtag = services.flow.rawConnection(remoteId)?.etag;
    const conflict = await rotateSessionToken("prod", remoteId, token("should-not-land"), actor);
    expect(conflict).toMatchObject({ ok: false, error: { code: "conflict", conflict: { currentEtag: remoteEtag } } });
    expect(services.flow.rawConnection(remoteId)?.auth.params.s3SessionToken).toBeUndefined();
    expect((await db.connection.findFirstOrThrow({ where: { remoteId } })).etag).toBe(etag);

    const retried = await rotateSessionToken("prod", remoteId, token("lands-now"), actor, { expectedEtag: remoteEtag });
    expect(retried.ok).toBe(true);
    expect(services.flow.rawConnection(remoteId)?.auth.params.s3SessionToken).toBe("lands-now");
    expect((await db.connection.findFirstOrThrow({ where: { remoteId } })).etag).toBe(services.flow.rawConnection(remoteId)?.etag);
  });

  it("lets exactly one of 50 concurrent rotations win; the others see a conflict", async () => {
    const { remoteId } = await newConnection("Contended");
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => rotateSessionToken("prod", remoteId, token(`token-${i}`), actor)));
    const wins = results.filter((r) => r.ok);
    expect(wins).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === "conflict")).toHaveLength(49);
    const row = await db.connection.findFirstOrThrow({ where: { remoteId } });
    expect(row.etag).toBe(services.flow.rawConnection(remoteId)?.etag);
  });

  it("refuses IAM-role connections and unknown ids without calling Flow Service", async () => {
    const missing = await rotateSessionToken("prod", "00000000-0000-0000-0000-000000000000", token("x"), actor);
    expect(missing).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
