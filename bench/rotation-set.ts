// The sandbox the create, rotate and bulk-rotation measurements work in: seeded in the simulator,
// synced into the inventory, and split into disjoint sets of access-key connections so that no
// measurement inherits another's etags.
import { db } from "../lib/db";
import { syncSandbox } from "../lib/connections/sync";
import type { BenchContext } from "./context";
import { simControl } from "./stack";

export const ROTATION_SANDBOX = "bench-rotate";
const SEEDED = 2_000;

export type RotationTarget = { remoteId: string; etag: string };

export async function prepareRotationSandbox(ctx: BenchContext): Promise<RotationTarget[]> {
  await simControl(ctx.bench.sim, "POST", "/seed", { count: SEEDED, sandbox: ROTATION_SANDBOX });
  const report = await syncSandbox(ROTATION_SANDBOX, ctx.admin);
  if (report.imported !== SEEDED) throw new Error(`sync of ${ROTATION_SANDBOX} imported ${report.imported}, expected ${SEEDED}`);
  // Only access-key connections (AEP on Azure) have a session token to rotate.
  return db.connection.findMany({ where: { sandboxName: ROTATION_SANDBOX, platform: "azure" }, orderBy: { name: "asc" }, select: { remoteId: true, etag: true } });
}
