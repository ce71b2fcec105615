// The policy a connection actually follows, and when its next automatic rotation is due.
import { BUILT_IN_POLICY } from "./schemas";

export type PolicyRow = { enabled: boolean | null; thresholdPercent: number | null; minLeadMinutes: number | null; pausedAt: Date | null };
export type SandboxDefault = { enabled: boolean; thresholdPercent: number; minLeadMinutes: number };
export type EffectivePolicy = { enabled: boolean; paused: boolean; thresholdPercent: number; minLeadMinutes: number; inherited: boolean };

/** STS's default lifetime, when a rotation source names none. */
export const DEFAULT_DURATION_SECONDS = 3_600;

export function effectivePolicy(row: PolicyRow | null, sandbox: SandboxDefault | null): EffectivePolicy {
  const base = sandbox ?? BUILT_IN_POLICY;
  return {
    enabled: row?.enabled ?? base.enabled,
    paused: row?.pausedAt != null,
    thresholdPercent: row?.thresholdPercent ?? base.thresholdPercent,
    minLeadMinutes: row?.minLeadMinutes ?? base.minLeadMinutes,
    inherited: row?.enabled == null,
  };
}

/**
 * How long before expiry to rotate: the larger of the threshold share of the lifetime and the
 * minimum lead, but never more than half the lifetime (a 15-minute credential with a 15-minute
 * lead would otherwise be due the moment it is minted, and rotate forever).
 */
export function rotationLeadMs(policy: Pick<EffectivePolicy, "thresholdPercent" | "minLeadMinutes">, durationSeconds: number | null): number {
  const lifetimeMs = (durationSeconds ?? DEFAULT_DURATION_SECONDS) * 1000;
  return Math.min(Math.max((lifetimeMs * policy.thresholdPercent) / 100, policy.minLeadMinutes * 60_000), lifetimeMs / 2);
}

/** A stable fraction in [0, 1) per connection: the same connection always gets the same offset. */
export function jitterFraction(connectionId: string): number {
  let hash = 2_166_136_261;
  for (let i = 0; i < connectionId.length; i += 1) hash = Math.imul(hash ^ connectionId.charCodeAt(i), 16_777_619);
  return (hash >>> 0) / 2 ** 32;
}

/**
 * The lifetime of the credentials in place: what STS really granted (a role's maximum session may
 * cut the duration asked for), else the duration the rotation source asks for.
 */
export function lifetimeSeconds(connection: { sessionTokenExpiresAt: Date | null; sessionTokenSetAt?: Date | null; rotationDurationSeconds: number | null }): number | null {
  if (connection.sessionTokenExpiresAt && connection.sessionTokenSetAt) {
    const granted = (connection.sessionTokenExpiresAt.getTime() - connection.sessionTokenSetAt.getTime()) / 1000;
    if (granted > 0) return granted;
  }
  return connection.rotationDurationSeconds;
}

/**
 * When to rotate: `lead` before expiry, moved earlier by up to a fifth of the lead (at most ten
 * minutes), spread per connection, so that thousands minted together do not rotate in one second.
 * Unknown expiry (credentials the console never minted): now, so that it takes over the lifecycle.
 */
export function plannedRotationAt(connection: { id: string; sessionTokenExpiresAt: Date | null; sessionTokenSetAt?: Date | null; rotationDurationSeconds: number | null }, policy: EffectivePolicy, now: Date): Date {
  const spreadMs = (window: number) => Math.floor(jitterFraction(connection.id) * window);
  if (!connection.sessionTokenExpiresAt) return new Date(now.getTime() + spreadMs(30_000));
  const lead = rotationLeadMs(policy, lifetimeSeconds(connection));
  const due = connection.sessionTokenExpiresAt.getTime() - lead - spreadMs(Math.min(lead / 5, 10 * 60_000));
  return new Date(Math.max(due, now.getTime()));
}
