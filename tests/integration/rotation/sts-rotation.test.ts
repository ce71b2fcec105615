// The four recorded steps of an STS rotation (mint, set, test, finish), run by "Rotate now", and
// what a 412 means: a harmless change elsewhere is re-applied on the latest etag; credentials
// changed elsewhere stop the rotation without another PATCH.
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { flowService } from "@/lib/flow-service/server";
import { stopJobSystem, withConnectionLock } from "@/lib/jobs";
import { rotateNow } from "@/lib/rotation/rotate-now";
import { DEMO_FOLDER } from "@/simulators/s3/demo";
import { DEMO_ROTATION_ROLE_ARN, DEMO_UNTRUSTED_ROLE_ARN } from "@/simulators/sts";
import { createDemoConnection } from "../support/connections";
import type { TestServices } from "../support/local-services";
import { useTestServices } from "../support/use-test-services";
import { resetDatabase } from "../support/reset";

const actor = { email: "ops@example.com" };

/** A connection whose keys S3 no longer accepts (as after a token expired), with a rotation source. */
async function expiredConnection(name: string, roleArn = DEMO_ROTATION_ROLE_ARN) {
  const { remoteId } = await createDemoConnection(name, actor, { folderPath: DEMO_FOLDER, s3AccessKey: "ASIAEXPIREDKEY000001", s3SecretKey: "old-secret", s3SessionToken: "old-token" });
  await setRotationSource("prod", remoteId, { roleArn, durationSeconds: 3_600 }, actor);
  return remoteId;
}

function patches(services: TestServices, remoteId: string) {
  return services.flow.requests().filter((r) => r.method === "PATCH" && r.path.endsWith(`/connections/${remoteId}`));
}

describe(`four-step STS rotation (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ resetDatabase: false });
  afterAll(async () => {
    await stopJobSystem();
  });
  beforeEach(async () => {
    await resetDatabase();
    services.flow.clearFaults();
    services.flow.clearRequests();
  });

  it("mints, sets, tests through Flow Service and finishes: each step recorded with its request ids", async () => {
    const remoteId = await expiredConnection("Four steps");
    expect((await flowService().testConnection(remoteId)).result).toBe(false);
    const before = Date.now();
    const result = await rotateNow("prod", remoteId, actor);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.data.steps.map((step) => [step.step, step.status])).toEqual([["mint", "done"], ["set", "done"], ["test", "done"], ["finish", "done"]]);
    for (const step of result.data.steps) expect(step.requestIds.length, step.step).toBeGreaterThan(0);
    // The test step asked Flow Service itself: its test and an explore of the folder.
    const calls = services.flow.requests().map((r) => `${r.method} ${r.path.split("/").slice(-2).join("/")}`);
    expect(calls).toEqual(expect.arrayContaining([`GET ${remoteId}/test`, `GET ${remoteId}/explore`]));

    const row = await db.connection.findFirstOrThrow({ where: { remoteId }, include: { autoRotation: true } });
    expect(row.etag).toBe(services.flow.rawConnection(remoteId)!.etag);
    expect(row.sessionTokenExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3_595_000);
    expect(row.autoRotation).toMatchObject({ state: "ok", lastResult: "success", lastStep: null });
    // Next rotation: a quarter of the hour before expiry, moved earlier by up to a fifth of that.
    const next = row.autoRotation!.nextRotationAt!.getTime();
    const expiry = row.sessionTokenExpiresAt!.getTime();
    expect(expiry - next).toBeGreaterThanOrEqual(15 * 60_000);
    expect(expiry - next).toBeLessThanOrEqual(18 * 60_000);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.rotation_completed" } });
    expect(audit.details).toMatchObject({ trigger: "manual", steps: [{ step: "mint" }, { step: "set" }, { step: "test" }, { step: "finish" }] });
    // The minted secrets are nowhere in the database.
    const params = services.flow.rawConnection(remoteId)!.auth.params;
    const dump = JSON.stringify(await Promise.all([db.connection.findMany(), db.auditEvent.findMany(), db.autoRotation.findMany()]));
    expect(dump).not.toContain(String(params.s3SecretKey));
    expect(dump).not.toContain(String(params.s3SessionToken));
  });

  it("a role that does not trust the console stops at mint, needs attention, and changes nothing", async () => {
    const remoteId = await expiredConnection("Untrusted", DEMO_UNTRUSTED_ROLE_ARN);
    const etag = services.flow.rawConnection(remoteId)!.etag;
    const result = await rotateNow("prod", remoteId, actor);
    expect(result).toMatchObject({ ok: false, error: { code: "sts", message: expect.stringMatching(/^The mint step failed: .*trust/i) } });
    expect(services.flow.rawConnection(remoteId)!.etag).toBe(etag);
    expect(patches(services, remoteId)).toHaveLength(0);
    expect(await db.autoRotation.findFirstOrThrow()).toMatchObject({ state: "needs_attention", lastStep: "mint" });
  });

  it("a 412 caused by a harmless rename elsewhere is re-applied on the latest etag and audited", async () => {
    const remoteId = await expiredConnection("Renamed elsewhere");
    const remote = await flowService().getConnection(remoteId);
    // Someone renames it in AEP: the console's stored etag is now stale.
    await flowService().patchConnection(remoteId, remote.connection.etag, [{ op: "replace", path: "/name", value: "Renamed in AEP" }]);
    services.flow.clearRequests();
    const result = await rotateNow("prod", remoteId, actor);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expect(patches(services, remoteId).map((r) => r.status)).toEqual([412, 200]);
    const row = await db.connection.findFirstOrThrow({ where: { remoteId } });
    expect(row).toMatchObject({ name: "Renamed in AEP", etag: services.flow.rawConnection(remoteId)!.etag });
    const reapplied = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.rotation_reapplied" } });
    expect(reapplied.details).toMatchObject({ changedElsewhere: ["Name"] });
    expect(String(services.flow.rawConnection(remoteId)!.auth.params.s3AccessKey)).toMatch(/^ASIA/);
  });

  it("a 412 because credentials changed elsewhere stops: no PATCH after the re-read, the person decides", async () => {
    const remoteId = await expiredConnection("Rotated elsewhere");
    const remote = await flowService().getConnection(remoteId);
    await flowService().patchConnection(remoteId, remote.connection.etag, [
      { op: "replace", path: "/auth/params/s3AccessKey", value: "AKIAOTHERTEAM0000042" },
      { op: "replace", path: "/auth/params/s3SecretKey", value: "someone-elses-secret" },
    ]);
    services.flow.clearRequests();
    const result = await rotateNow("prod", remoteId, actor);
    expect(result).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringContaining("including its credentials"), conflict: { currentEtag: services.flow.rawConnection(remoteId)!.etag } } });
    // One PATCH (the 412), then only the re-read: someone else's credentials are untouched.
    expect(patches(services, remoteId).map((r) => r.status)).toEqual([412]);
    expect(services.flow.rawConnection(remoteId)!.auth.params.s3AccessKey).toBe("AKIAOTHERTEAM0000042");
    expect(await db.autoRotation.findFirstOrThrow()).toMatchObject({ state: "needs_attention", lastStep: "set" });

    // Having looked, the person applies fresh credentials on the version they saw.
    const confirmed = await rotateNow("prod", remoteId, actor, { expectedEtag: result.ok ? undefined : result.error.conflict!.currentEtag });
    expect(confirmed.ok, JSON.stringify(confirmed)).toBe(true);
    expect(await db.autoRotation.findFirstOrThrow()).toMatchObject({ state: "ok", lastResult: "success" });
  });

  it("waits for a rotation of the same connection already under way, then says exactly why not", async () => {
    const remoteId = await expiredConnection("Busy");
    const { id } = await db.connection.findFirstOrThrow({ where: { remoteId } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = withConnectionLock({ connectionString: serverEnv().DATABASE_URL, connectionKey: id, poolSize: 4, waitMs: 1_000 }, () => held);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const result = await rotateNow("prod", remoteId, actor, { waitMs: 500 });
    expect(result).toMatchObject({ ok: false, error: { code: "busy", message: expect.stringContaining("Nothing was sent") } });
    expect(patches(services, remoteId)).toHaveLength(0);
    release();
    await holder;
    expect((await rotateNow("prod", remoteId, actor)).ok).toBe(true);
  });
});
