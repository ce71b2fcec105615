// What an admin (or a user for themselves) can do to accounts and their sessions. Each change and
// its audit event are one transaction; the effect is visible on the next request, because every
// page and action checks the session row and the account (lib/auth/sessions.ts).
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { db } from "@/lib/db";

const NO_SUCH_USER = "That user no longer exists. Reload the page.";

/** "Sign out everywhere": every session of the caller, this one included. */
export async function endOwnSessions(actor: { id: string; email: string }): Promise<ActionResult<{ ended: number }>> {
  const ended = await db.$transaction(async (tx) => {
    const count = await revokeUserSessions(actor.id, tx);
    await recordAuditEvent({ actor, action: "auth.sign_out_everywhere", targetType: "user", targetId: actor.id, outcome: "success", details: { sessionsEnded: count } }, tx);
    return count;
  });
  return ok({ ended });
}

/** An admin ends every session of another user (or their own). */
export async function endUserSessions(actor: AuditActor, userId: string): Promise<ActionResult<{ email: string; ended: number }>> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) return fail("not_found", NO_SUCH_USER);
    const ended = await revokeUserSessions(userId, tx);
    await recordAuditEvent({ actor, action: "user.sessions_ended", targetType: "user", targetId: userId, outcome: "success", details: { email: user.email, sessionsEnded: ended } }, tx);
    return ok({ email: user.email, ended });
  });
}

/**
 * Disables (ending every session) or enables an account. An admin cannot disable themselves, so
 * the signed-in admin always remains to undo it.
 */
export async function setUserDisabled(actor: AuditActor & { id: string }, userId: string, disabled: boolean): Promise<ActionResult<{ email: string; disabled: boolean; ended: number }>> {
  if (disabled && userId === actor.id) return fail("validation", "You cannot disable your own account.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } });
    if (!user) return fail("not_found", NO_SUCH_USER);
    // Already in the asked state: nothing to change, nothing to audit.
    if (Boolean(user.disabledAt) === disabled) return ok({ email: user.email, disabled, ended: 0 });
    await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    const ended = disabled ? await revokeUserSessions(userId, tx) : 0;
    await recordAuditEvent({ actor, action: disabled ? "user.disabled" : "user.enabled", targetType: "user", targetId: userId, outcome: "success", details: { email: user.email, sessionsEnded: ended } }, tx);
    return ok({ email: user.email, disabled, ended });
  });
}
