// Admits (or refuses) a user the identity provider has just vouched for: throttling as for
// passwords, the role from their groups (re-evaluated at every sign-in), the account created on
// first sign-in, refused when disabled. Every outcome is in the audit trail.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { recordSignIn } from "@/lib/metrics";
import { db } from "@/lib/db";
import type { AuthorizedUser } from "../authorize";
import { clearFailures, recordFailure, retryAfterMs, throttleKeys } from "../throttle";
import type { OidcConfig } from "./config";
import type { OidcProfile } from "./provider";
import { roleForGroups } from "./role-map";

/** Sign-in page error codes for a refused single sign-on (components/auth/sign-in-messages.ts). */
export type OidcRefusal = "Throttled" | "NoRole" | "NoEmail" | "EmailTaken" | "AccountDisabled";
export type AdmitResult = { ok: true; user: AuthorizedUser } | { ok: false; error: OidcRefusal };

export async function admitOidcUser(profile: OidcProfile, config: OidcConfig, clientAddress: string | undefined): Promise<AdmitResult> {
  const email = profile.email;
  const actor = { email: email ?? `${profile.id} (no email from ${config.name})` };
  const refuse = async (error: OidcRefusal, reason: string, keys?: string[], actorId?: string): Promise<AdmitResult> => {
    if (keys) await recordFailure(keys);
    await recordAuditEvent({ actor: { ...actor, id: actorId }, action: "auth.sign_in", targetType: "session", outcome: "failure", details: { method: "oidc", reason } });
    recordSignIn("failure", "oidc");
    return { ok: false, error };
  };

  const keys = throttleKeys(email ?? `oidc:${profile.id}`, clientAddress);
  if ((await retryAfterMs(keys)) > 0) return refuse("Throttled", "throttled");
  if (!profile.id) return refuse("NoEmail", "no subject in the ID token", keys);
  if (!email) return refuse("NoEmail", "no email claim", keys);

  const role = roleForGroups(profile.groups, config.roleMap);
  if (!role) return refuse("NoRole", `none of ${profile.groups.length} groups maps to a role`, keys);

  const identity = { oidcIssuer: config.issuer, oidcSubject: profile.id };
  const name = profile.name ?? email;
  let user = await db.user.findUnique({ where: { oidcIssuer_oidcSubject: identity } });
  const holder = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (holder && holder.id !== user?.id) {
    // The email belongs to another account (a local one, or another subject): never merge
    // identities on an email claim alone.
    return refuse("EmailTaken", "email already used by another account", keys);
  }
  user = user
    ? await db.user.update({ where: { id: user.id }, data: { role, name, email } })
    : await db.user.create({ data: { ...identity, email, name, role, passwordHash: null } });
  if (user.disabledAt) return refuse("AccountDisabled", "account disabled", undefined, user.id);

  await clearFailures(email);
  await recordAuditEvent({ actor: { id: user.id, email }, action: "auth.sign_in", targetType: "session", outcome: "success", details: { method: "oidc", role } });
  recordSignIn("success", "oidc");
  return { ok: true, user: { id: user.id, email, name, role } };
}
