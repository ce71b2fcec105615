"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { ConflictAlert } from "@/components/connections/conflict-alert";
import { DeleteImpactWarning, type DeleteImpactAction } from "@/components/dataflows/delete-impact-warning";

/** Resolves only on failure: on success the action redirects to the inventory. */
export type DeleteAction = (remoteId: string, confirmName: string, expectedEtag?: string) => Promise<ActionResult<never>>;

/**
 * The danger zone: deleting is enabled only once the exact name is typed, a pause that makes
 * deleting the wrong connection unlikely. The action checks the typed name again.
 */
export function DeleteConnectionForm({ remoteId, name, remove, impact }: { remoteId: string; name: string; remove: DeleteAction; impact?: DeleteImpactAction }) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<ActionError>();
  const [pending, startTransition] = useTransition();
  const matches = typed === name;
  const fieldError = error?.fields?.confirmName;

  const run = (expectedEtag?: string) =>
    startTransition(async () => {
      setError(undefined);
      const result = await remove(remoteId, typed, expectedEtag);
      // A redirect leaves nothing to show; only a returned failure does.
      if (result?.ok === false) setError(result.error);
    });

  return (
    <section aria-labelledby="danger-zone-heading" className="mt-10 max-w-2xl space-y-3 rounded-lg border border-red-300 bg-red-50/40 p-4">
      <h2 id="danger-zone-heading" className="text-lg font-semibold text-red-900">
        Danger zone
      </h2>
      <p className="text-sm">
        Deleting removes the connection from Flow Service and from the inventory. Dataflows that use it stop working. This cannot be undone.
      </p>
      {impact ? <DeleteImpactWarning remoteId={remoteId} impact={impact} /> : null}
      <form
        noValidate
        aria-label="Delete the connection"
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (matches) run();
        }}
      >
        <Field id="delete-confirm" label="Type the connection's name to confirm" hint={<>Type <code className="font-mono">{name}</code> exactly.</>} error={fieldError}>
          <Input autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} {...fieldAria("delete-confirm", fieldError, true)} />
        </Field>
        {error?.code === "conflict" ? (
          <ConflictAlert error={error} retryLabel="Delete the latest version" busy={pending} onRetry={(currentEtag) => run(currentEtag)} />
        ) : error && !fieldError ? (
          <Alert tone="error">{error.message}</Alert>
        ) : null}
        <Button type="submit" variant="danger" disabled={!matches || pending}>
          {pending ? "Deleting…" : "Delete connection"}
        </Button>
      </form>
    </section>
  );
}
