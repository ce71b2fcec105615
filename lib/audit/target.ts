import { connectionPath, runPath } from "@/lib/paths";

// What an audit event's Target column shows, and where it leads. A connection or a run opens in
// the sandbox the console is looking at (pages read the sandbox from its cookie, not the URL), so
// only events of that sandbox link to them; the others name their target, and the Sandbox column
// says where to switch. A connection that was deleted has no row left, so no link either.

export type AuditTargetSource = {
  targetType: string;
  targetId: string | null;
  sandboxName: string | null;
  connection: { name: string; remoteId: string } | null;
};

export type AuditTarget = { label: string; href?: string };

export function auditTarget(event: AuditTargetSource, currentSandbox: string): AuditTarget {
  const label = event.connection?.name ?? event.targetId ?? event.targetType;
  if (event.sandboxName !== currentSandbox) return { label };
  if (event.connection) return { label, href: connectionPath(event.connection.remoteId) };
  if (event.targetType === "run" && event.targetId) return { label, href: runPath(event.targetId) };
  return { label };
}
