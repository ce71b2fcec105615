import { TableLink } from "@/components/ui/table-link";
import type { AuditTarget } from "@/lib/audit/target";

/** An audit event's target: a link to its page when the console can open it (lib/audit/target). */
export function AuditTargetCell({ target }: { target: AuditTarget }) {
  if (!target.href) return <>{target.label}</>;
  return <TableLink href={target.href}>{target.label}</TableLink>;
}
