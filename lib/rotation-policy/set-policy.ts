// Changing rotation policies: a connection's own (or back to the sandbox default), pause and
// resume, and the sandbox default. Every change is audited and makes the planner plan again.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { ConnectionPolicy, SandboxPolicy } from "./schemas";

async function findConnection(sandboxName: string, remoteId: string) {
  return db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } }, select: { id: true, name: true, rotationRoleArn: true } });
}

const NOT_HERE = "This connection is not in the inventory of the current sandbox.";

export async function setConnectionPolicy(sandboxName: string, remoteId: string, policy: ConnectionPolicy, actor: AuditActor): Promise<ActionResult<{ remoteId: string }>> {
  const connection = await findConnection(sandboxName, remoteId);
  if (!connection) return fail("not_found", NOT_HERE);
  if (policy.mode === "on" && !connection.rotationRoleArn) {
    return fail("validation", "Automatic rotation needs a rotation source: set the IAM role the console assumes first.", { fields: { mode: "Set a rotation source first." } });
  }
  const data = { enabled: policy.mode === "inherit" ? null : policy.mode === "on", thresholdPercent: policy.thresholdPercent, minLeadMinutes: policy.minLeadMinutes, nextRotationAt: null };
  await db.$transaction(async (tx) => {
    await tx.autoRotation.upsert({ where: { connectionId: connection.id }, create: { connectionId: connection.id, sandboxName, ...data }, update: data });
    await recordAuditEvent({ actor, action: "rotation_policy.set", targetType: "connection", targetId: remoteId, connectionId: connection.id, sandboxName, outcome: "success", details: { name: connection.name, ...policy } }, tx);
  });
  return ok({ remoteId });
}

/** Pause stops automatic rotation until resumed; resume also clears "needs attention" (a person has looked). */
export async function setPaused(sandboxName: string, remoteId: string, paused: boolean, actor: AuditActor): Promise<ActionResult<{ remoteId: string; paused: boolean }>> {
  const connection = await findConnection(sandboxName, remoteId);
  if (!connection) return fail("not_found", NOT_HERE);
  const data = paused ? { pausedAt: new Date(), pausedBy: actor.email, nextRotationAt: null } : { pausedAt: null, pausedBy: null, state: "ok", nextRotationAt: null };
  await db.$transaction(async (tx) => {
    await tx.autoRotation.upsert({ where: { connectionId: connection.id }, create: { connectionId: connection.id, sandboxName, ...data }, update: data });
    await recordAuditEvent({ actor, action: paused ? "rotation_policy.pause" : "rotation_policy.resume", targetType: "connection", targetId: remoteId, connectionId: connection.id, sandboxName, outcome: "success", details: { name: connection.name } }, tx);
  });
  return ok({ remoteId, paused });
}

export async function setSandboxPolicy(sandboxName: string, policy: SandboxPolicy, actor: AuditActor): Promise<ActionResult<SandboxPolicy>> {
  await db.$transaction(async (tx) => {
    await tx.sandboxRotationDefault.upsert({ where: { sandboxName }, create: { sandboxName, ...policy, updatedBy: actor.email }, update: { ...policy, updatedBy: actor.email } });
    // Connections that follow the default are planned again with it.
    await tx.autoRotation.updateMany({ where: { sandboxName }, data: { nextRotationAt: null } });
    await recordAuditEvent({ actor, action: "rotation_policy.sandbox_default", targetType: "sandbox", targetId: sandboxName, sandboxName, outcome: "success", details: { ...policy } }, tx);
  });
  return ok(policy);
}
