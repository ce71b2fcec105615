import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { rotateWithSts } from "@/lib/connections/rotate-with-sts";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { DEMO_FOLDER } from "@/simulators/s3/demo";
import { DEMO_ROTATION_ROLE_ARN, DEMO_UNTRUSTED_ROLE_ARN } from "@/simulators/sts";
import { createDemoConnection } from "../support/connections";
import { resetDatabase } from "../support/reset";
import { startTestServices, type TestServices } from "../support/local-services";

const actor = { email: "ops@example.com" };

async function expiredConnection(name: string) {
  // Starts with keys S3 does not know, as after a session token expired.
  const created = await createDemoConnection(name, actor, { folderPath: DEMO_FOLDER, s3AccessKey: "ASIAEXPIREDKEY000001", s3SecretKey: "old-secret", s3SessionToken: "old-token" });
  return created.remoteId;
}

describe(`one-click rotation with STS (${inject("databaseTarget")})`, () => {
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

  it("mints a triple with the console's own credentials and patches it with its real expiry", async () => {
    const remoteId = await expiredConnection("Minted");
    expect((await flowService().testConnection(remoteId)).result).toBe(false);
    await setRotationSource("prod", remoteId, { roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 1800 }, actor);
    const before = Date.now();
    const result = await rotateWithSts("prod", remoteId, actor);
    expect(result.ok).toBe(true);
    const params = services.flow.rawConnection(remoteId)!.auth.params;
    expect(String(params.s3AccessKey)).toMatch(/^ASIA/);
    const row = await db.connection.findFirstOrThrow({ where: { remoteId } });
    const expiry = row.sessionTokenExpiresAt!.getTime();
    expect(expiry).toBeGreaterThanOrEqual(before + 1795_000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 1805_000);
    expect(row.etag).toBe(services.flow.rawConnection(remoteId)!.etag);
    // Flow Service can now reach the bucket with the minted credentials.
    expect((await flowService().testConnection(remoteId)).result).toBe(true);
    const dump = JSON.stringify(await Promise.all([db.connection.findMany(), db.auditEvent.findMany()]));
    expect(dump).not.toContain(String(params.s3SecretKey));
    expect(dump).not.toContain(String(params.s3SessionToken));
  });

  it("explains a role that does not trust the console, and changes nothing", async () => {
    const remoteId = await expiredConnection("Untrusted");
    const etag = services.flow.rawConnection(remoteId)!.etag;
    await setRotationSource("prod", remoteId, { roleArn: DEMO_UNTRUSTED_ROLE_ARN }, actor);
    const result = await rotateWithSts("prod", remoteId, actor);
    expect(result).toMatchObject({ ok: false, error: { code: "sts" } });
    if (!result.ok) expect(result.error.message).toMatch(/trust/i);
    expect(services.flow.rawConnection(remoteId)!.etag).toBe(etag);
  });

  it("asks for a rotation source first", async () => {
    const remoteId = await expiredConnection("No source");
    expect(await rotateWithSts("prod", remoteId, actor)).toMatchObject({ ok: false, error: { code: "validation" } });
  });
});
