// A rotation that lands while a sync page is in flight must survive the page's older view.
import { describe, expect, inject, it } from "vitest";
import { rotateSessionToken } from "@/lib/connections/rotate-token";
import { rotateTokenSchema } from "@/lib/connections/schemas";
import { applyRemotePage } from "@/lib/connections/apply-page";
import { syncSandbox, type SyncReport } from "@/lib/connections/sync";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { createDemoConnection } from "../support/connections";
import { useTestServices } from "../support/use-test-services";

const actor = { email: "ops@example.com" };
const emptyReport = (): SyncReport => ({ sandbox: "prod", seen: 0, imported: 0, updated: 0, drifted: 0, missing: 0, pages: 0, durationMs: 0 });

describe(`sync and rotation at the same time (${inject("databaseTarget")})`, () => {
  const services = useTestServices();

  async function listedThenRotated(name: string) {
    const created = { data: await createDemoConnection(name, actor) };
    const fetchedAt = new Date();
    const page = (await flowService().listConnections({ sandbox: "prod" })).connections.filter((c) => c.id === created.data.remoteId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rotated = await rotateSessionToken("prod", created.data.remoteId, rotateTokenSchema.parse({ s3SessionToken: "raced-token" }), actor);
    expect(rotated.ok).toBe(true);
    return { remoteId: created.data.remoteId, page, fetchedAt };
  }

  it("keeps the rotation's etag and flags no drift when the page was fetched before the rotation", async () => {
    const { remoteId, page, fetchedAt } = await listedThenRotated("Raced");
    await applyRemotePage("prod", page, { stamp: new Date(), fetchedAt }, emptyReport());
    const row = await db.connection.findFirstOrThrow({ where: { remoteId } });
    expect(row.etag).toBe(services.flow.rawConnection(remoteId)!.etag);
    expect(row.remoteEtag).toBe(row.etag);
    expect(row.driftDetectedAt).toBeNull();
    await syncSandbox("prod", actor);
    expect((await db.connection.findFirstOrThrow({ where: { remoteId } })).driftDetectedAt).toBeNull();
  });

  it("would take the stale page for drift without that check (the guard is what holds)", async () => {
    const { remoteId, page } = await listedThenRotated("Raced unguarded");
    await applyRemotePage("prod", page, { stamp: new Date(), fetchedAt: new Date() }, emptyReport());
    expect((await db.connection.findFirstOrThrow({ where: { remoteId } })).driftDetectedAt).not.toBeNull();
  });
});
