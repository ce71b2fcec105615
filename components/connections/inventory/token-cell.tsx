import { Badge } from "@/components/ui/badge";
import { relative, type InventoryRow } from "./row";

export function TokenCell({ row, now }: { row: InventoryRow; now: number }) {
  switch (row.token) {
    case "none":
      return <span className="text-slate-500">{row.platform === "aws" ? "IAM role" : "none"}</span>;
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
