// What a connection's automatic rotation will do, in words a person acts on. A policy that cannot
// run is shown as such (no rotation source, off, paused, waiting for a person), never as scheduled.
import { effectivePolicy, type PolicyRow, type SandboxDefault } from "./effective";

export type AutomaticStatus =
  | { kind: "scheduled"; at: string }
  | { kind: "planning" }
  | { kind: "in_progress" }
  | { kind: "failing"; retryAt: string | null; message: string | null }
  | { kind: "needs_attention"; message: string | null }
  | { kind: "paused"; by: string | null; since: string | null }
  | { kind: "off" }
  | { kind: "no_source" };

type StatusRow = PolicyRow & { state: string; nextRotationAt: Date | null; lastMessage: string | null; pausedBy: string | null };

export function automaticStatus(connection: { rotationRoleArn: string | null }, row: StatusRow | null, sandboxDefault: SandboxDefault | null, options: { inProgress: boolean }): AutomaticStatus {
  if (!connection.rotationRoleArn) return { kind: "no_source" };
  const policy = effectivePolicy(row, sandboxDefault);
  if (options.inProgress) return { kind: "in_progress" };
  if (row?.state === "needs_attention") return { kind: "needs_attention", message: row.lastMessage };
  if (policy.paused) return { kind: "paused", by: row?.pausedBy ?? null, since: row?.pausedAt?.toISOString() ?? null };
  if (!policy.enabled) return { kind: "off" };
  if (row?.state === "failing") return { kind: "failing", retryAt: row.nextRotationAt?.toISOString() ?? null, message: row.lastMessage };
  return row?.nextRotationAt ? { kind: "scheduled", at: row.nextRotationAt.toISOString() } : { kind: "planning" };
}

/** Whether the token will be renewed without a person. */
export function isAutomatic(status: AutomaticStatus): boolean {
  return status.kind === "scheduled" || status.kind === "planning" || status.kind === "in_progress" || status.kind === "failing";
}
