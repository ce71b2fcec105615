import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { rotateSessionToken } from "@/lib/connections/rotate-token";
import { rotateTokenSchema } from "@/lib/connections/schemas";
import { db } from "@/lib/db";
import { createDemoConnection } from "../support/connections";
import { resetDatabase } from "../support/reset";
import { startTestServices, type TestServices } from "../support/local-services";

const actor = { email: "ops@example.com" };

const newConnection = (name: string) => createDemoConnection(name, actor);

const token = (value: string, expiry = "") => rotateTokenSchema.parse({ s3SessionToken: value, sessionTokenExpiresAt: expiry });

describe(`session-token rotation (${inject("databaseTarget")})`, () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await startTestServices();
  });
  afterAll(async () => {
    await services.close();
  });
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
