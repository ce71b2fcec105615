import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ConflictInfo } from "@/lib/actions/result";

/** A stale etag: what changed, and one click to apply the same change to the latest version. */
export function ConflictNotice({ message, conflict, onRetry, busy }: { message: string; conflict?: ConflictInfo; onRetry: () => void; busy: boolean }) {
  return (
    <Alert tone="warning" title="The connection changed in Flow Service">
      <p>{message}</p>
      {conflict ? (
        <>
          <p className="mt-2">
            Changed{conflict.updatedBy ? ` by ${conflict.updatedBy}` : ""}
            {conflict.updatedAt ? ` at ${conflict.updatedAt.replace("T", " ").slice(0, 19)} UTC` : ""}:
          </p>
          <ul className="mt-1 list-inside list-disc" data-testid="conflict-changes">
            {conflict.changes.map((change) => (
              <li key={change.field}>
                {change.field}: {change.stored ?? "—"} → {change.remote ?? "—"}
              </li>
            ))}
          </ul>
          <Button className="mt-3" onClick={onRetry} disabled={busy}>
            Apply to the latest version
          </Button>
        </>
      ) : null}
    </Alert>
  );
}
