// The sandbox the create, rotate and bulk-rotation measurements work in: seeded in the simulator,
// synced into the inventory, and split into disjoint sets of access-key connections so that no
// measurement inherits another's etags.
import { db } from "../lib/db";
import { syncSandbox } from "../lib/connections/sync";
import type { BenchContext } from "./context";
import { OVERHEAD_PROFILE, setSimLatency } from "./latency";
import { simControl } from "./stack";

export const ROTATION_SANDBOX = "bench-rotate";
// About 70 % of seeded connections are access-key ones: enough for #2's and #4's disjoint sets.
const SEEDED = 5_000;

export type RotationTarget = { remoteId: string; etag: string };

export async function prepareRotationSandbox(ctx: BenchContext): Promise<RotationTarget[]> {
  await setSimLatency(ctx, OVERHEAD_PROFILE);
  await simControl(ctx.bench.sim, "POST", "/seed", { count: SEEDED, sandbox: ROTATION_SANDBOX });
  const report = await syncSandbox(ROTATION_SANDBOX, ctx.admin);
  if (report.imported !== SEEDED) throw new Error(`sync of ${ROTATION_SANDBOX} imported ${report.imported}, expected ${SEEDED}`);
  // Only access-key connections (AEP on Azure) have a session token to rotate.
  return db.connection.findMany({ where: { sandboxName: ROTATION_SANDBOX, platform: "azure" }, orderBy: { name: "asc" }, select: { remoteId: true, etag: true } });
}

/** Takes `count` connections off the end of the list, for one measurement alone. */
export function takeTargets(targets: RotationTarget[], count: number): RotationTarget[] {
  if (targets.length < count) throw new Error(`only ${targets.length} connections left to rotate, need ${count}`);
  return targets.splice(targets.length - count, count);
}
