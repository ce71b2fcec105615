import { Badge } from "@/components/ui/badge";
import { relative, type InventoryRow } from "./row";

const NONE_KNOWN = "none known";

/** Whether a row's Token cell reads "none known" (and so the table should say what that means). */
export function readsNoneKnown(row: InventoryRow): boolean {
  return row.token === "none" && row.platform === "azure";
}

/** The one explanation of "none known", shown under the table when a row on the page reads it. */
export function NoneKnownNote() {
  return (
    <p className="mt-2 text-xs text-slate-600">
      Token &ldquo;{NONE_KNOWN}&rdquo;: no session token was set through this console, and Flow Service shows neither a token nor its expiry.
    </p>
  );
}

export function TokenCell({ row, now }: { row: InventoryRow; now: number }) {
  switch (row.token) {
    case "none":
      // Flow Service masks or omits a session token, so for a connection the console never set one
      // on (imported by a sync, or changed elsewhere) "none" could be false: say what is known. The
      // table explains "none known" once, below it (NoneKnownNote), not in every row.
      return <span className="text-slate-500">{row.platform === "aws" ? "IAM role" : NONE_KNOWN}</span>;
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
