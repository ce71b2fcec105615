// The planner, run once per ROTATION_PLAN_SECONDS for the whole cluster (a "stately" queue keeps it
// to one at a time): it gives every connection with a rotation source its AutoRotation row and
// next rotation time, starts one automatic run per sandbox with the connections that are due, and
// raises the expiry alerts. A policy that cannot run (no source, paused, off, needs a person) is
// never given a time: the pages then say so instead of showing a rotation that will not happen.
import "server-only";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { createRun } from "@/lib/runs/create-run";
import { connectionsWithOpenItems } from "@/lib/runs/open-items";
import { effectivePolicy, plannedRotationAt } from "./effective";
import { raiseExpiryAlerts } from "./expiry-alerts";

export const SCHEDULER_ACTOR = { id: null, email: "system@rotation-policy" } as const;

export type PlanReport = { sandbox: string; planned: number; started: number; runId: string | null; alerts: number };

export async function planRotations(now = new Date()): Promise<PlanReport[]> {
  const reports: PlanReport[] = [];
  for (const sandbox of serverEnv().CONSOLE_SANDBOXES) reports.push(await planSandbox(sandbox, now));
  return reports;
}

async function planSandbox(sandboxName: string, now: Date): Promise<PlanReport> {
  // Connections that gained a rotation source get their row (and so a plan) here.
  await db.$executeRaw`
    INSERT INTO "AutoRotation" ("connectionId", "sandboxName", "updatedAt")
    SELECT c."id", c."sandboxName", now() FROM "Connection" c
    WHERE c."sandboxName" = ${sandboxName} AND c."rotationRoleArn" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "AutoRotation" a WHERE a."connectionId" = c."id")`;
  const sandboxDefault = await db.sandboxRotationDefault.findUnique({ where: { sandboxName } });
  const rows = await db.autoRotation.findMany({
    where: { sandboxName, state: { not: "needs_attention" }, OR: [{ nextRotationAt: null }, { nextRotationAt: { lte: now } }] },
    include: { connection: { select: { id: true, remoteId: true, name: true, sessionTokenExpiresAt: true, sessionTokenSetAt: true, rotationDurationSeconds: true, rotationRoleArn: true, remoteMissingSince: true } } },
  });
  // A connection with an unfinished rotation (any trigger) is neither planned nor started again.
  const busy = await connectionsWithOpenItems(rows.map((row) => row.connectionId));
  const due: typeof rows = [];
  let planned = 0;
  for (const row of rows) {
    const policy = effectivePolicy(row, sandboxDefault);
    const runnable = row.connection.rotationRoleArn && !row.connection.remoteMissingSince && policy.enabled && !policy.paused;
    if (!runnable || busy.has(row.connectionId)) {
      if (!runnable && row.nextRotationAt) await db.autoRotation.update({ where: { connectionId: row.connectionId }, data: { nextRotationAt: null } });
      continue;
    }
    if (row.nextRotationAt && row.nextRotationAt <= now) {
      due.push(row);
      continue;
    }
    const at = plannedRotationAt(row.connection, policy, now);
    if (at <= now) due.push(row);
    else {
      await db.autoRotation.update({ where: { connectionId: row.connectionId }, data: { nextRotationAt: at } });
      planned += 1;
    }
  }
  let runId: string | null = null;
  if (due.length) {
    runId = await db.$transaction(async (tx) => {
      const id = await createRun(
        {
          sandboxName,
          mode: "sts",
          trigger: "automatic",
          selection: { kind: "policy", count: due.length },
          items: due.map((row) => ({ id: row.connectionId, remoteId: row.connection.remoteId, name: row.connection.name })),
          actor: SCHEDULER_ACTOR,
        },
        tx,
      );
      // In flight: the rotation's finish (or failure) sets the next time.
      await tx.autoRotation.updateMany({ where: { connectionId: { in: due.map((row) => row.connectionId) } }, data: { nextRotationAt: null, lastRunId: id } });
      return id;
    });
    log.info({ sandbox: sandboxName, runId, connections: due.length }, "automatic rotations started");
  }
  const alerts = await raiseExpiryAlerts(sandboxName, now, sandboxDefault);
  return { sandbox: sandboxName, planned, started: due.length, runId, alerts };
}
