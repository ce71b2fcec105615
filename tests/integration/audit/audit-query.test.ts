// The audit log's reading on the real database: its filters, its pages and the list of actions
// its form offers.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { AUDIT_PAGE_SIZE, auditFilterSchema, listAuditEvents, NO_SANDBOX } from "@/lib/audit/query";
import { db } from "@/lib/db";
import { resetDatabase } from "../support/reset";

type Seed = { action: string; sandboxName: string | null; outcome: "success" | "failure" | "conflict"; targetId: string };

const SEEDS: Seed[] = [
  { action: "connection.rotate_token", sandboxName: "prod", outcome: "failure", targetId: "prod-failed" },
  { action: "connection.rotate_token", sandboxName: "prod", outcome: "success", targetId: "prod-ok" },
  { action: "connections.sync", sandboxName: "dev", outcome: "conflict", targetId: "dev-conflict" },
  { action: "auth.sign_in", sandboxName: null, outcome: "success", targetId: "session" },
  { action: "user.disable", sandboxName: null, outcome: "success", targetId: "account" },
];

const filter = (input: Record<string, string>) => auditFilterSchema.parse(input);

describe(`the audit log's query (${inject("databaseTarget")})`, () => {
  beforeAll(async () => {
    await resetDatabase();
    const now = Date.now();
    await db.auditEvent.createMany({
      data: SEEDS.map((seed, index) => ({ ...seed, actorEmail: "ops@example.com", targetType: "connection", occurredAt: new Date(now - index * 1_000) })),
    });
  });

  it("offers each action once, in order, whatever the filter", async () => {
    const expected = ["auth.sign_in", "connection.rotate_token", "connections.sync", "user.disable"];
    expect((await listAuditEvents(filter({}))).actions).toEqual(expected);
    expect((await listAuditEvents(filter({ sandbox: "dev" }))).actions).toEqual(expected);
  });

  it("narrows to a sandbox, to events of no sandbox, and to an outcome, newest first", async () => {
    const prod = await listAuditEvents(filter({ sandbox: "prod" }));
    expect(prod.events.map((event) => event.targetId)).toEqual(["prod-failed", "prod-ok"]);
    expect(prod.total).toBe(2);

    const none = await listAuditEvents(filter({ sandbox: NO_SANDBOX }));
    expect(none.events.map((event) => event.targetId)).toEqual(["session", "account"]);

    const failures = await listAuditEvents(filter({ outcome: "failure" }));
    expect(failures.events.map((event) => event.targetId)).toEqual(["prod-failed"]);

    const devSuccesses = await listAuditEvents(filter({ sandbox: "dev", outcome: "success" }));
    expect(devSuccesses).toMatchObject({ events: [], total: 0 });
  });

  it("ignores an outcome it does not know rather than matching nothing", async () => {
    const parsed = filter({ outcome: "maybe" });
    expect(parsed.outcome).toBeUndefined();
    expect((await listAuditEvents(parsed)).total).toBe(SEEDS.length);
  });

  it("pages through the rest of a filter", async () => {
    const now = Date.now() - 60_000;
    await db.auditEvent.createMany({
      data: Array.from({ length: AUDIT_PAGE_SIZE + 3 }, (_, index) => ({ action: "connection.test", sandboxName: "stage", outcome: "success" as const, actorEmail: "ops@example.com", targetType: "connection", targetId: `paged-${index}`, occurredAt: new Date(now - index * 1_000) })),
    });
    const second = await listAuditEvents(filter({ sandbox: "stage", page: "2" }));
    expect(second.total).toBe(AUDIT_PAGE_SIZE + 3);
    expect(second.events.map((event) => event.targetId)).toEqual([`paged-${AUDIT_PAGE_SIZE}`, `paged-${AUDIT_PAGE_SIZE + 1}`, `paged-${AUDIT_PAGE_SIZE + 2}`]);
    expect(second.actions).toContain("connection.test");
  });
});
