// The detail page's domain functions against the simulators: edit, delete, test and explore; and
// which roles may call their server actions (refusals must reach neither Flow Service nor the DB).
import "../support/next-request";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { deleteConnectionAction, editConnectionAction, exploreFolderAction, testConnectionAction } from "@/app/(console)/connections/[id]/actions";
import type { Role } from "@/lib/auth/roles";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { editConnection } from "@/lib/connections/edit-connection";
import { editConnectionSchema } from "@/lib/connections/edit-schema";
import { exploreConnection, insideConnection } from "@/lib/connections/explore-connection";
import { testConnection } from "@/lib/connections/test-connection";
import { db } from "@/lib/db";
import { flowService } from "@/lib/flow-service/server";
import { DEMO_BUCKET, DEMO_FOLDER } from "@/simulators/s3/demo";
import { signInForTest } from "../support/next-request";
import { createDemoConnection } from "../support/connections";
import { resetDatabase } from "../support/reset";
import { useTestServices } from "../support/use-test-services";

const actor = { email: "ops@example.com" };

function newConnection(name: string, options: { secret?: string; folder?: string } = {}) {
  return createDemoConnection(name, actor, { folderPath: options.folder ?? "", ...(options.secret ? { s3SecretKey: options.secret } : {}) });
}

const details = (name: string, description = "") => editConnectionSchema.parse({ name, description });

const ACTIONS: { name: string; allowed: Role[]; call: () => Promise<{ ok: boolean; error?: { code: string } }> }[] = [
  { name: "testConnectionAction", allowed: ["viewer", "operator", "admin"], call: () => testConnectionAction("unknown-id") },
  { name: "exploreFolderAction", allowed: ["viewer", "operator", "admin"], call: () => exploreFolderAction("unknown-id", null) },
  { name: "editConnectionAction", allowed: ["operator", "admin"], call: () => editConnectionAction("unknown-id", { name: "x" }) },
  { name: "deleteConnectionAction", allowed: ["admin"], call: () => deleteConnectionAction("unknown-id", "x") },
];

describe(`the connection detail page's actions (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ resetDatabase: false });
  beforeEach(async () => {
    await resetDatabase();
    services.flow.clearFaults();
  });

  for (const action of ACTIONS) {
    it(`${action.name} is allowed to ${action.allowed.join(", ")} only`, async () => {
      for (const caller of [null, "viewer", "operator", "admin"] as const) {
        await signInForTest(caller);
        services.flow.clearRequests();
        const result = await action.call();
        if (caller && action.allowed.includes(caller)) {
          expect(["unauthenticated", "forbidden"]).not.toContain(result.error?.code);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: caller ? "forbidden" : "unauthenticated" } });
          expect(services.flow.requests()).toHaveLength(0);
          expect(await db.auditEvent.count()).toBe(0);
        }
      }
    });
  }

  it("edit patches only what changed with If-Match, stores the new etag and audits before/after names", async () => {
    const { remoteId, etag } = await newConnection("Before");
    const result = await editConnection("prod", remoteId, details("After", "Nightly exports"), actor);
    expect(result).toMatchObject({ ok: true, data: { name: "After", description: "Nightly exports", changed: true } });
    const remote = services.flow.rawConnection(remoteId);
    expect(remote).toMatchObject({ name: "After", description: "Nightly exports" });
    const row = await db.connection.findFirstOrThrow({ where: { remoteId } });
    expect(row).toMatchObject({ name: "After", description: "Nightly exports", etag: remote?.etag, remoteEtag: remote?.etag, driftDetectedAt: null });
    expect(row.etag).not.toBe(etag);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.edit" } });
    expect(audit).toMatchObject({ outcome: "success", connectionId: row.id, targetId: remoteId, details: { before: { name: "Before" }, after: { name: "After" } } });
    expect(audit.requestId).toMatch(/[0-9a-f-]{36}/);

    // Clearing the description removes it remotely and stores null.
    expect((await editConnection("prod", remoteId, details("After"), actor)).ok).toBe(true);
    expect(services.flow.rawConnection(remoteId)?.description).toBeUndefined();
    expect((await db.connection.findFirstOrThrow({ where: { remoteId } })).description).toBeNull();
  });

  it("edit with nothing changed sends no request and writes no audit event", async () => {
    const { remoteId, etag } = await newConnection("Same");
    services.flow.clearRequests();
    expect(await editConnection("prod", remoteId, details("Same"), actor)).toMatchObject({ ok: true, data: { changed: false, etag } });
    expect(services.flow.requests().filter((r) => r.method === "PATCH")).toHaveLength(0);
    expect(await db.auditEvent.count({ where: { action: "connection.edit" } })).toBe(0);
  });

  it("edit refuses a name another connection of the sandbox uses", async () => {
    await newConnection("Taken");
    const { remoteId } = await newConnection("Mine");
    const result = await editConnection("prod", remoteId, details("Taken"), actor);
    expect(result).toMatchObject({ ok: false, error: { code: "validation", fields: { name: expect.any(String) } } });
    expect(services.flow.rawConnection(remoteId)?.name).toBe("Mine");
  });

  it("edit after an out-of-band change is a conflict that changes nothing, here or in Flow Service", async () => {
    const { remoteId, etag } = await newConnection("Original");
    services.flow.touch(remoteId);
    const remoteEtag = services.flow.rawConnection(remoteId)?.etag;
    const result = await editConnection("prod", remoteId, details("Overwritten"), actor);
    expect(result).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringMatching(/since you loaded it; reload/), conflict: { currentEtag: remoteEtag } } });
    expect(services.flow.rawConnection(remoteId)).toMatchObject({ name: "Original", etag: remoteEtag });
    expect(await db.connection.findFirstOrThrow({ where: { remoteId } })).toMatchObject({ name: "Original", etag });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.edit" } });
    expect(audit.outcome).toBe("conflict");
    expect(audit.requestId).toBeTruthy();

    // Only an explicit retry against the etag the conflict reported goes through.
    expect((await editConnection("prod", remoteId, details("Overwritten"), actor, { expectedEtag: remoteEtag })).ok).toBe(true);
    expect(services.flow.rawConnection(remoteId)?.name).toBe("Overwritten");
    expect((await db.connection.findFirstOrThrow({ where: { remoteId } })).etag).toBe(services.flow.rawConnection(remoteId)?.etag);
  });

  it("delete removes the connection remotely and locally, and audits with name and remote id", async () => {
    const { id, remoteId } = await newConnection("Doomed");
    expect(await deleteConnection("prod", remoteId, "doomed", actor)).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(services.flow.rawConnection(remoteId)).toBeDefined();

    const result = await deleteConnection("prod", remoteId, "Doomed", actor);
    expect(result).toMatchObject({ ok: true, data: { remoteId, name: "Doomed", alreadyDeleted: false } });
    expect(services.flow.rawConnection(remoteId)).toBeUndefined();
    expect(await db.connection.count({ where: { id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.delete" } });
    expect(audit).toMatchObject({ outcome: "success", targetId: remoteId, connectionId: null, details: { name: "Doomed", remoteId } });
    expect(audit.requestId).toBeTruthy();
    // The creation event survives the row, detached from it.
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "connection.create" } })).toMatchObject({ targetId: remoteId, connectionId: null });
  });

  it("delete of a connection already deleted in Flow Service succeeds and removes the row", async () => {
    const { id, remoteId } = await newConnection("Gone already");
    // Someone deletes it in Flow Service directly (the simulator has no control call for that).
    await flowService().deleteConnection(remoteId, undefined, { sandbox: "prod" });
    expect(services.flow.rawConnection(remoteId)).toBeUndefined();
    const result = await deleteConnection("prod", remoteId, "Gone already", actor);
    expect(result).toMatchObject({ ok: true, data: { alreadyDeleted: true } });
    expect(await db.connection.count({ where: { id } })).toBe(0);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "connection.delete" } })).toMatchObject({ outcome: "success", details: { alreadyDeleted: true } });
  });

  it("delete after an out-of-band change is a conflict that deletes nothing", async () => {
    const { id, remoteId } = await newConnection("Touched");
    services.flow.touch(remoteId);
    expect(await deleteConnection("prod", remoteId, "Touched", actor)).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(services.flow.rawConnection(remoteId)).toBeDefined();
    expect(await db.connection.count({ where: { id } })).toBe(1);
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "connection.delete" } })).outcome).toBe("conflict");
  });

  it("test connection is true with the demo keys and false with a wrong secret, and is audited", async () => {
    const good = await newConnection("Good keys", { folder: DEMO_FOLDER });
    const bad = await newConnection("Bad secret", { secret: "not-the-demo-secret" });
    expect(await testConnection("prod", good.remoteId, actor)).toMatchObject({ ok: true, data: { result: true, requestId: expect.any(String) } });
    expect(await testConnection("prod", bad.remoteId, actor)).toMatchObject({ ok: true, data: { result: false } });
    const outcomes = await db.auditEvent.findMany({ where: { action: "connection.test" }, orderBy: { occurredAt: "asc" } });
    expect(outcomes.map((e) => [e.targetId, e.outcome])).toEqual([
      [good.remoteId, "success"],
      [bad.remoteId, "failure"],
    ]);
    expect(JSON.stringify(outcomes)).not.toContain("not-the-demo-secret");
    // Browsing with the wrong secret says what S3 refused and what to do, not just "invalid".
    expect(await exploreConnection("prod", bad.remoteId, null)).toMatchObject({
      ok: false,
      error: { code: "validation", message: expect.stringContaining("Amazon S3 refused the connection's stored credentials (SignatureDoesNotMatch)"), requestId: expect.any(String) },
    });
  });

  it("explore lists the demo folder, descends into it, and stays inside the connection", async () => {
    const { remoteId } = await newConnection("Browse");
    const root = await exploreConnection("prod", remoteId, null);
    expect(root.ok).toBe(true);
    if (!root.ok) return;
    const exports = root.data.items.find((item) => item.name === "exports");
    expect(exports?.type).toBe("folder");
    const year = await exploreConnection("prod", remoteId, exports!.path);
    const yearFolder = year.ok ? year.data.items.find((item) => item.name === "2026") : undefined;
    const files = await exploreConnection("prod", remoteId, yearFolder!.path);
    expect(files.ok && files.data.items.map((item) => `${item.type}:${item.name}`)).toEqual(["folder:daily", "file:customers.csv", "file:events.json", "file:orders.csv"]);

    const scoped = await newConnection("Scoped", { folder: DEMO_FOLDER });
    expect(await exploreConnection("prod", scoped.remoteId, `/${DEMO_BUCKET}/archive/`)).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(insideConnection({ bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER }, `/${DEMO_BUCKET}/${DEMO_FOLDER}/../../archive/`)).toBe(false);
    expect(insideConnection({ bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER }, `/${DEMO_BUCKET}/${DEMO_FOLDER}/daily/`)).toBe(true);
  });
});
