// "Unfinished" is read in three places that must agree: the planner and the pages ask which
// connections have a rotation under way, and finalizeRun closes a run only once none of its items
// is. Items are written straight to the database here, in every state, so each reader meets all.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { finalizeRun } from "@/lib/runs/finish";
import { connectionsWithOpenItems } from "@/lib/runs/open-items";
import { ITEM_STATES, type ItemState } from "@/lib/runs/schemas";
import { resetDatabase } from "../support/reset";

async function connection(name: string) {
  return db.connection.create({ data: { sandboxName: "prod", remoteId: randomUUID(), name, platform: "azure", authSpecName: "Access Key", etag: '"1"' } });
}

async function run(items: { connectionId: string | null; status: ItemState }[]) {
  return db.rotationRun.create({
    data: {
      sandboxName: "prod",
      mode: "sts",
      selection: { kind: "ids", count: items.length },
      total: items.length,
      createdByEmail: "ops@example.com",
      items: { create: items.map((item, i) => ({ ...item, remoteId: `remote-${i}`, name: `item ${i}`, jobId: randomUUID() })) },
    },
  });
}

describe(`unfinished rotation items (${inject("databaseTarget")})`, () => {
  beforeEach(resetDatabase);

  it("names the connections with a waiting or running item, in any run, and no other", async () => {
    const byState = new Map<ItemState, string>();
    for (const state of ITEM_STATES) byState.set(state, (await connection(`in state ${state}`)).id);
    const untouched = await connection("never rotated");
    await run(ITEM_STATES.map((status) => ({ connectionId: byState.get(status)!, status })));
    // A connection whose earlier run failed and whose later one is still waiting is under way.
    const again = await connection("failed, then queued again");
    await run([{ connectionId: again.id, status: "failed" }]);
    await run([{ connectionId: again.id, status: "waiting" }, { connectionId: null, status: "running" }]);

    const open = await connectionsWithOpenItems([...byState.values(), untouched.id, again.id]);
    expect([...open].sort()).toEqual([byState.get("waiting")!, byState.get("running")!, again.id].sort());
    // Only the ids asked about are answered for, and an empty list gets an empty set.
    expect(await connectionsWithOpenItems([byState.get("done")!, untouched.id])).toEqual(new Set());
    expect(await connectionsWithOpenItems([])).toEqual(new Set());
  });

  it("finalizes a run only once none of its items is waiting or running", async () => {
    const a = await connection("a");
    const b = await connection("b");
    const { id } = await run([{ connectionId: a.id, status: "done" }, { connectionId: b.id, status: "waiting" }]);
    const status = async () => (await db.rotationRun.findUniqueOrThrow({ where: { id } })).status;

    await finalizeRun(id);
    expect(await status()).toBe("running");
    await db.rotationRunItem.updateMany({ where: { runId: id, connectionId: b.id }, data: { status: "running" } });
    await finalizeRun(id);
    expect(await status()).toBe("running");
    await db.rotationRunItem.updateMany({ where: { runId: id, connectionId: b.id }, data: { status: "conflict" } });
    await finalizeRun(id);
    expect(await status()).toBe("finished");
  });
});
