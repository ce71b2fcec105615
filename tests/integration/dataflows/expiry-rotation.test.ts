// The scenario the dataflow impact exists for: a session token expires, the connection's
// dataflows go red in the inventory, a rotation happens, and the next run is green. Everything
// is real except time: S3 and STS are the local simulators, the clock is moved forward.
import { describe, expect, inject, it } from "vitest";
import { rotateNow } from "@/lib/rotation/rotate-now";
import { parseInventoryQuery } from "@/lib/connections/inventory-query";
import { listInventory } from "@/lib/connections/inventory";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { syncSandbox } from "@/lib/connections/sync";
import { dataflowHealthAfterRotation } from "@/lib/dataflows/after-rotation";
import { connectionDataflows } from "@/lib/dataflows/connection-dataflows";
import { db } from "@/lib/db";
import { DEMO_ROTATION_ROLE_ARN } from "@/simulators/sts";
import { useTestServices } from "../support/use-test-services";
import { addDataflows, advance, mintedConnection } from "./support";

const actor = { email: "ops@example.com" };
const MINUTES = 60_000;

async function failingInInventory(): Promise<string[]> {
  const { rows } = await listInventory("prod", parseInventoryQuery({ dataflows: "failing" }));
  return rows.map((row) => row.remoteId);
}

async function figures(remoteId: string) {
  const row = await db.connection.findFirstOrThrow({ where: { remoteId }, include: { dataflowSummary: true } });
  return row.dataflowSummary;
}

describe(`a token expires, dataflows fail, a rotation brings them back (${inject("databaseTarget")})`, () => {
  const services = useTestServices();

  it("goes red after expiry, waits after the rotation, and is green after the next run", async () => {
    const { remoteId, minted } = await mintedConnection("Orders landing", actor, 900);
    const healthy = await mintedConnection("Healthy neighbour", actor, 43_200);
    await addDataflows(services, { baseConnectionId: remoteId, flows: [{ name: "Orders every 15 min" }, { name: "Customers every 15 min" }] });
    await addDataflows(services, { baseConnectionId: healthy.remoteId, flows: [{ name: "Neighbour every 15 min" }] });

    await syncSandbox("prod", actor);
    expect(await figures(remoteId)).toMatchObject({ total: 2, failing: 0 });
    expect(await failingInInventory()).toEqual([]);

    // 16 minutes later the 900-second token has expired; the next runs could not read S3.
    await advance(services, 16 * MINUTES);
    const report = await syncSandbox("prod", actor);
    expect(report.dataflows).toMatchObject({ flows: 3, failingFlows: 2, connectionsWithFailing: 1, failedBatches: 0 });
    expect(await figures(remoteId)).toMatchObject({ total: 2, failing: 2 });
    expect(await failingInInventory()).toEqual([remoteId]);

    const panel = await connectionDataflows("prod", remoteId);
    if (!panel.ok) throw new Error(panel.error.message);
    expect(panel.data.failing).toBe(2);
    const orders = panel.data.flows.find((f) => f.name === "Orders every 15 min")!;
    expect(orders.lastRun?.status).toBe("failed");
    expect(orders.errors.some((e) => e.message.includes("ExpiredToken: The provided token has expired."))).toBe(true);
    expect(orders.failingSince?.atLeast).toBe(false);
    // The credentials themselves never reach what the browser is sent.
    expect(JSON.stringify(panel.data)).not.toContain(minted.accessKeyId);

    await setRotationSource("prod", remoteId, { roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 3600 }, actor);
    const rotated = await rotateNow("prod", remoteId, actor);
    expect(rotated.ok).toBe(true);

    const waiting = await dataflowHealthAfterRotation("prod", remoteId);
    if (!waiting.ok) throw new Error(waiting.error.message);
    expect(waiting.data.verdict).toBe("waiting");
    expect(waiting.data.flows.every((f) => f.failingBefore === true && f.after === null && f.nextRunAt !== null)).toBe(true);

    await advance(services, 15 * MINUTES);
    const recovered = await dataflowHealthAfterRotation("prod", remoteId);
    if (!recovered.ok) throw new Error(recovered.error.message);
    expect(recovered.data.verdict).toBe("recovered");
    expect(recovered.data.flows.map((f) => f.after?.status)).toEqual(["success", "success"]);

    await syncSandbox("prod", actor);
    expect(await figures(remoteId)).toMatchObject({ total: 2, failing: 0 });
    expect(await failingInInventory()).toEqual([]);
  });

  it("says so when the rotation did not help: the next run failed again", async () => {
    const { remoteId } = await mintedConnection("Wrong rotation", actor, 900);
    await addDataflows(services, { baseConnectionId: remoteId, flows: [{ name: "Still broken" }] });
    await advance(services, 16 * MINUTES);
    // A "rotation" with a token S3 does not know.
    const { connection } = await (await import("@/lib/flow-service/server")).flowService().getConnection(remoteId);
    await (await import("@/lib/flow-service/server")).flowService().patchConnection(remoteId, connection.etag, [{ op: "replace", path: "/auth/params/s3SessionToken", value: "not-a-token" }]);
    await advance(services, 15 * MINUTES);
    const result = await dataflowHealthAfterRotation("prod", remoteId);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.verdict).toBe("failing");
    expect(result.data.flows[0]?.after?.error?.message).toMatch(/InvalidToken/);
  });
});
