// Checks a sign-in attempt. Every failure that could reveal whether an account exists produces
// the same generic outcome; throttling is checked first so a blocked caller learns nothing new.
import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record";
import { recordSignIn } from "@/lib/metrics";
import { decoyHash, verifyPassword } from "./password";
import { isRole, type Role } from "./roles";
import { signInSchema } from "./schemas";
import { clearFailures, recordFailure, retryAfterMs, throttleKeys } from "./throttle";

export type AuthorizedUser = { id: string; email: string; name: string; role: Role };
export type AuthorizeResult =
  | { ok: true; user: AuthorizedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

export async function authorizeCredentials(raw: unknown, clientAddress?: string): Promise<AuthorizeResult> {
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

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid || !isRole(user.role)) {
    await recordFailure(keys);
    await recordAuditEvent({ actor: { email }, action: "auth.sign_in", targetType: "session", outcome: "failure" });
    recordSignIn("failure");
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(email);
  await recordAuditEvent({ actor: { id: user.id, email }, action: "auth.sign_in", targetType: "session", outcome: "success" });
  recordSignIn("success");
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
