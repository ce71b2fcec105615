// A connection's automatic rotation as its page shows it: the status, the policy (its own and the
// one it follows), the last attempt with its result and message, and the steps of the last rotation.
import "server-only";
import { db } from "@/lib/db";
import { parseSteps, type StepRecord } from "@/lib/rotation/steps";
import { connectionsWithOpenItems } from "@/lib/runs/open-items";
import { effectivePolicy, type EffectivePolicy } from "./effective";
import { automaticStatus, type AutomaticStatus } from "./status";

export type RotationOverview = {
  status: AutomaticStatus;
  policy: EffectivePolicy;
  own: { mode: "inherit" | "on" | "off"; thresholdPercent: number | null; minLeadMinutes: number | null };
  last: { at: string | null; result: string | null; step: string | null; message: string | null; runId: string | null };
  /** The steps of the connection's most recent STS rotation in a run (bulk or automatic). */
  steps: { runId: string; trigger: string; startedAt: string | null; status: string; steps: StepRecord[] } | null;
};

export async function rotationOverview(connection: { id: string; sandboxName: string; rotationRoleArn: string | null }): Promise<RotationOverview> {
  const [row, sandboxDefault, open, lastItem] = await Promise.all([
    db.autoRotation.findUnique({ where: { connectionId: connection.id } }),
    db.sandboxRotationDefault.findUnique({ where: { sandboxName: connection.sandboxName } }),
    connectionsWithOpenItems([connection.id]),
    db.rotationRunItem.findFirst({ where: { connectionId: connection.id, run: { mode: "sts" } }, orderBy: [{ startedAt: { sort: "desc", nulls: "last" } }], include: { run: { select: { trigger: true } } } }),
  ]);
  return {
    status: automaticStatus(connection, row, sandboxDefault, { inProgress: open.has(connection.id) }),
    policy: effectivePolicy(row, sandboxDefault),
    own: { mode: row?.enabled == null ? "inherit" : row.enabled ? "on" : "off", thresholdPercent: row?.thresholdPercent ?? null, minLeadMinutes: row?.minLeadMinutes ?? null },
    last: { at: row?.lastAttemptAt?.toISOString() ?? null, result: row?.lastResult ?? null, step: row?.lastStep ?? null, message: row?.lastMessage ?? null, runId: row?.lastRunId ?? null },
    steps: lastItem ? { runId: lastItem.runId, trigger: lastItem.run.trigger, startedAt: lastItem.startedAt?.toISOString() ?? null, status: lastItem.status, steps: parseSteps(lastItem.steps) } : null,
  };
}
