// Checks a sign-in attempt. Every failure that could reveal whether an account exists produces
// the same generic outcome; throttling is checked first so a blocked caller learns nothing new.
import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record";
import { log } from "@/lib/log";
import { recordSignIn } from "@/lib/metrics";
import { decoyHash, verifyPassword } from "./password";
import { isRole, type Role } from "./roles";
import { signInSchema } from "./schemas";
import { clearFailures, recordFailure, retryAfterMs, throttleKeys } from "./throttle";

export type AuthorizedUser = { id: string; email: string; name: string; role: Role };
export type AuthorizeResult =
  | { ok: true; user: AuthorizedUser; breakGlass?: boolean }
  | { ok: false; reason: "invalid" }
  /** The right password for an account an admin disabled: said plainly, only to who knows it. */
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/** Who may use a password: everyone (default), or, with single sign-on on and LOCAL_ACCOUNTS=off, the break-glass admin only. */
export type PasswordPolicy = { localAccounts: "on" | "break-glass"; breakGlassEmail: string };
const EVERYONE: PasswordPolicy = { localAccounts: "on", breakGlassEmail: "" };

export async function authorizeCredentials(raw: unknown, clientAddress?: string, policy: PasswordPolicy = EVERYONE): Promise<AuthorizeResult> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) {
    recordSignIn("failure");
    return { ok: false, reason: "invalid" };
  }
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, clientAddress);

  const wait = await retryAfterMs(keys);
  if (wait > 0) {
    recordSignIn("throttled");
    return { ok: false, reason: "throttled", retryAfterMs: wait };
  }

  const breakGlass = policy.localAccounts === "break-glass";
  // With local accounts off, only the break-glass admin's password counts; anyone else is checked
  // against the decoy all the same, so the answer and its timing are those of a wrong password.
  const allowed = !breakGlass || email === policy.breakGlassEmail;
  const user = allowed ? await db.user.findUnique({ where: { email } }) : null;
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid || !isRole(user.role) || (breakGlass && user.role !== "admin")) {
    await recordFailure(keys);
    await recordAuditEvent({ actor: { email }, action: "auth.sign_in", targetType: "session", outcome: "failure" });
    recordSignIn("failure");
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(email);
  if (user.disabledAt) {
    await recordAuditEvent({ actor: { id: user.id, email }, action: "auth.sign_in", targetType: "session", outcome: "failure", details: { reason: "account disabled" } });
    recordSignIn("failure");
    return { ok: false, reason: "disabled" };
  }
  if (breakGlass) {
    // Local accounts are off: this is the emergency door, and the trail says so every time.
    log.warn({ action: "auth.break_glass_sign_in", actor: email }, "break-glass admin signed in with a password");
    await recordAuditEvent({ actor: { id: user.id, email }, action: "auth.break_glass_sign_in", targetType: "session", outcome: "success", details: { method: "password", breakGlass: true } });
    recordSignIn("success");
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, breakGlass: true };
  }
  await recordAuditEvent({ actor: { id: user.id, email }, action: "auth.sign_in", targetType: "session", outcome: "success" });
  recordSignIn("success");
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
