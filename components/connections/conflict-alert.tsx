"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionError } from "@/lib/actions/result";
import { utcTime } from "@/lib/format/utc";

/**
 * A write met a stale etag: nothing was changed. The user reloads to see what changed; only after
 * that may they repeat the write against the version Flow Service now has (an explicit choice,
 * never automatic, and still guarded by that newer etag).
 */
export function ConflictAlert({ error, retryLabel, onRetry, busy }: { error: ActionError; retryLabel: string; onRetry: (currentEtag: string) => void; busy: boolean }) {
  const router = useRouter();
  const conflict = error.conflict;
  return (
    <Alert tone="warning" title="The connection changed in Flow Service">
      <p>{error.message}</p>
      {conflict ? (
        <>
          <p className="mt-2">
            Changed{conflict.updatedBy ? ` by ${conflict.updatedBy}` : ""}
            {conflict.updatedAt ? ` at ${utcTime(conflict.updatedAt)}` : ""}:
          </p>
          <ul className="mt-1 list-inside list-disc" data-testid="conflict-changes">
            {conflict.changes.map((change) => (
              <li key={change.field}>
                {change.field}: {change.stored ?? "—"} → {change.remote ?? "—"}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {error.requestId ? <p className="mt-2 text-xs">Request id <code className="font-mono">{error.requestId}</code></p> : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => router.refresh()}>
          Reload
        </Button>
        {conflict ? (
          <Button variant="secondary" disabled={busy} onClick={() => onRetry(conflict.currentEtag)}>
            {retryLabel}
          </Button>
        ) : null}
      </div>
    </Alert>
  );
}
