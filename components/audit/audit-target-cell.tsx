import Link from "next/link";
import type { AuditTarget } from "@/lib/audit/target";

/** An audit event's target: a link to its page when the console can open it (lib/audit/target). */
export function AuditTargetCell({ target }: { target: AuditTarget }) {
  if (!target.href) return <>{target.label}</>;
  return (
    <Link prefetch={false} className="text-blue-800 underline-offset-2 hover:underline" href={target.href}>
      {target.label}
    </Link>
  );
}
