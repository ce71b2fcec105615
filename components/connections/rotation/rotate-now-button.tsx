"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { ConflictAlert } from "@/components/connections/conflict-alert";
import { utcTime } from "@/lib/format/utc";

export type MintAction = (remoteId: string, expectedEtag?: string) => Promise<ActionResult<{ etag: string; sessionTokenExpiresAt: string | null }>>;

/** True one-click rotation: the server mints a fresh triple with STS and patches it in. */
export function RotateNowButton({ remoteId, name, mint, onRotated }: { remoteId: string; name: string; mint: MintAction; onRotated?: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError>();
  const run = (expectedEtag?: string) =>
    startTransition(async () => {
      setError(undefined);
      const result = await mint(remoteId, expectedEtag);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const until = result.data.sessionTokenExpiresAt ? ` until ${utcTime(result.data.sessionTokenExpiresAt, "minute")}` : "";
      toast("success", `Minted new credentials for ${name} with STS${until}.`);
      onRotated?.();
      router.refresh();
    });
  return (
    <span className="inline-flex flex-col gap-2">
      <Button variant="ghost" size="sm" disabled={pending} onClick={() => run()}>
        {pending ? "Minting…" : "Rotate now"}
        <span className="sr-only"> {name} with STS</span>
      </Button>
      {error?.code === "conflict" ? (
        <ConflictAlert error={error} retryLabel="Apply to the latest version" busy={pending} onRetry={(etag) => run(etag)} />
      ) : error ? (
        <Alert tone="error">{error.message}</Alert>
      ) : null}
    </span>
  );
}
