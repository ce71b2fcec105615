import { Badge } from "@/components/ui/badge";
import { relative, type InventoryRow } from "./row";

export function TokenCell({ row, now }: { row: InventoryRow; now: number }) {
  switch (row.token) {
    case "none":
      // Flow Service masks or omits a session token, so for a connection the console never set one
      // on (imported by a sync, or changed elsewhere) "none" could be false: say what is known.
      return row.platform === "aws" ? (
        <span className="text-slate-500">IAM role</span>
      ) : (
        <span className="text-slate-500" title="No session token set through this console; Flow Service does not show one or its expiry.">
          none known
        </span>
      );
    case "unknown-expiry":
      return <span>set {relative(row.sessionTokenSetAt, now)}</span>;
    case "expired":
      return <Badge tone="bad">expired {relative(row.sessionTokenExpiresAt, now)}</Badge>;
    case "expiring":
      return <Badge tone="warn">expires {relative(row.sessionTokenExpiresAt, now)}</Badge>;
    case "ok":
      return <span>expires {relative(row.sessionTokenExpiresAt, now)}</span>;
  }
}
