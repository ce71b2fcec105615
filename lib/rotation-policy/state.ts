// Where a connection's automatic rotation stands (AutoRotation): written after every rotation,
// whatever its trigger, so the connection page and the "Next 24 hours" view always show the last
// attempt, its result and message, and the next rotation time.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { effectivePolicy, plannedRotationAt, type EffectivePolicy } from "./effective";

type Client = Prisma.TransactionClient | typeof db;

export async function policyFor(connectionId: string, sandboxName: string, client: Client = db): Promise<EffectivePolicy> {
  const [row, sandbox] = await Promise.all([client.autoRotation.findUnique({ where: { connectionId } }), client.sandboxRotationDefault.findUnique({ where: { sandboxName } })]);
  return effectivePolicy(row, sandbox);
}

/** The next automatic rotation of a connection, or null when none will happen on its own. */
export async function nextRotationFor(connectionId: string, now = new Date(), client: Client = db): Promise<Date | null> {
  const connection = await client.connection.findUnique({ where: { id: connectionId }, select: { id: true, sandboxName: true, sessionTokenExpiresAt: true, sessionTokenSetAt: true, rotationDurationSeconds: true, rotationRoleArn: true, remoteMissingSince: true, autoRotation: { select: { state: true } } } });
  if (!connection?.rotationRoleArn || connection.remoteMissingSince || connection.autoRotation?.state === "needs_attention") return null;
  const policy = await policyFor(connectionId, connection.sandboxName, client);
  return policy.enabled && !policy.paused ? plannedRotationAt(connection, policy, now) : null;
}

export async function recordRotationSuccess(connectionId: string, sandboxName: string, outcome: { runId?: string; message: string }, client: Client = db): Promise<void> {
  const now = new Date();
  const data = { state: "ok", lastAttemptAt: now, lastResult: "success", lastStep: null, lastMessage: outcome.message, lastRunId: outcome.runId ?? null };
  await client.autoRotation.upsert({ where: { connectionId }, create: { connectionId, sandboxName, ...data }, update: data });
  await client.autoRotation.update({ where: { connectionId }, data: { nextRotationAt: await nextRotationFor(connectionId, now, client) } });
}

export async function recordRotationFailure(
  connectionId: string,
  sandboxName: string,
  outcome: { runId?: string; step: string; message: string; needsAttention: boolean; retryAt?: Date | null },
): Promise<void> {
  const data = {
    state: outcome.needsAttention ? "needs_attention" : "failing",
    lastAttemptAt: new Date(),
    lastResult: outcome.needsAttention ? "needs_attention" : "failure",
    lastStep: outcome.step,
    lastMessage: outcome.message,
    lastRunId: outcome.runId ?? null,
    // A failing rotation is tried again on its own; one that needs a person waits for one.
    nextRotationAt: outcome.needsAttention ? null : (outcome.retryAt ?? null),
  };
  await db.autoRotation.upsert({ where: { connectionId }, create: { connectionId, sandboxName, ...data }, update: data });
}
