import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBackgroundSync, SYSTEM_ACTOR } from "@/lib/connections/background-sync";
import { db } from "@/lib/db";
import { resetDatabase } from "../support/reset";
import { startTestServices, type TestServices } from "../support/local-services";

describe(`background sync (${inject("databaseTarget")})`, () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await startTestServices({ seed: 20 });
    await resetDatabase();
  });
  afterAll(async () => {
    await services.close();
  });

  it("syncs every configured sandbox on its own, as the system actor", async () => {
    const handle = startBackgroundSync(1, () => undefined);
    try {
      await expect.poll(async () => db.auditEvent.count({ where: { action: "connections.sync", actorEmail: SYSTEM_ACTOR.email } }), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      const remoteTotal = services.flow.connections("prod").length + services.flow.connections("dev").length;
      expect(await db.connection.count()).toBe(remoteTotal);
    } finally {
      handle.stop();
    }
  });
});
