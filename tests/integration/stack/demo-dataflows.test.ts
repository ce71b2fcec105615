// The local stack's dataflow demo: made on first start without anyone acting, never twice, and
// showing what it promises: one connection with two healthy dataflows, one with a failing one.
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { connectionDataflows } from "@/lib/dataflows/connection-dataflows";
import { DEMO_FAILING_NAME, DEMO_HEALTHY_NAME, ensureDemoDataflows, importDemoDataflows, pendingDemoChanges } from "@/scripts/stack/demo-dataflows";
import { useTestServices } from "../support/use-test-services";

describe(`dataflow demo of the local stack (${inject("databaseTarget")})`, () => {
  const services = useTestServices();

  it("is made once, imported by one sync, and shows two healthy dataflows and a failing one", async () => {
    const first = await ensureDemoDataflows(services.flow);
    const again = await ensureDemoDataflows(services.flow);
    expect(again.remoteIds).toEqual(first.remoteIds);
    expect(services.flow.connections("prod").filter((c) => [DEMO_HEALTHY_NAME, DEMO_FAILING_NAME].includes(String(c.name)))).toHaveLength(2);

    const url = process.env.DATABASE_URL!;
    expect(await pendingDemoChanges(url, first)).toEqual({ sync: true, failingSource: false, autoSource: false });
    await importDemoDataflows(first, url);
    expect(await pendingDemoChanges(url, first)).toEqual({ sync: false, failingSource: false, autoSource: false });
    await importDemoDataflows(first, url);
    expect(await db.auditEvent.count({ where: { action: "connections.sync" } })).toBe(1);

    const [healthy, failing] = await Promise.all(first.remoteIds.map((remoteId) => db.connection.findFirstOrThrow({ where: { remoteId }, include: { dataflowSummary: true } })));
    expect(healthy).toMatchObject({ name: DEMO_HEALTHY_NAME, dataflowSummary: { total: 2, failing: 0 } });
    expect(failing).toMatchObject({ name: DEMO_FAILING_NAME, rotationRoleArn: expect.stringContaining(":role/"), dataflowSummary: { total: 1, failing: 1 } });

    const panel = await connectionDataflows("prod", first.rotation.remoteId);
    if (!panel.ok) throw new Error(panel.error.message);
    expect(panel.data.flows[0]).toMatchObject({ name: "Events to the data lake", failing: true });
    expect(panel.data.flows[0]?.errors.some((e) => e.message.includes("ExpiredToken"))).toBe(true);
  });

  it("finds a rotation source the demo lost, and puts back only that", async () => {
    const demo = await ensureDemoDataflows(services.flow);
    const url = process.env.DATABASE_URL!;
    await importDemoDataflows(demo, url);
    await db.connection.update({ where: { sandboxName_remoteId: { sandboxName: demo.sandbox, remoteId: demo.autoRotated.remoteId } }, data: { rotationRoleArn: null } });
    expect(await pendingDemoChanges(url, demo)).toEqual({ sync: false, failingSource: false, autoSource: true });
    const syncs = await db.auditEvent.count({ where: { action: "connections.sync" } });

    await importDemoDataflows(demo, url);
    expect(await pendingDemoChanges(url, demo)).toEqual({ sync: false, failingSource: false, autoSource: false });
    expect(await db.connection.findUniqueOrThrow({ where: { sandboxName_remoteId: { sandboxName: demo.sandbox, remoteId: demo.autoRotated.remoteId } }, select: { rotationRoleArn: true } })).toEqual({ rotationRoleArn: demo.autoRotated.roleArn });
    expect(await db.auditEvent.count({ where: { action: "connections.sync" } })).toBe(syncs);
  });
});
