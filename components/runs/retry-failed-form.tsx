"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { RotationFields } from "@/components/connections/rotation/rotation-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { rotateTokenSchema, type RotateTokenInput } from "@/lib/connections/schemas";
import type { RetryRunInput } from "@/lib/runs/schemas";

export type RetryFailedAction = (runId: string, input: RetryRunInput) => Promise<ActionResult<{ runId: string; retried: number }>>;

const EMPTY: RotateTokenInput = { s3SessionToken: "", sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" };

/** Queues the failed and conflicting items again; a token run asks for its token again. */
export function RetryFailedForm({ runId, mode, failed, retry, onDone }: { runId: string; mode: string; failed: number; retry: RetryFailedAction; onDone: () => void }) {
  const [error, setError] = useState<ActionError>();
  const [busy, setBusy] = useState(false);
  const form = useForm<RotateTokenInput>({ resolver: zodResolver(rotateTokenSchema) as never, defaultValues: EMPTY });
  const send = async (credentials?: RotateTokenInput) => {
    setBusy(true);
    setError(undefined);
    const result = await retry(runId, credentials ? { credentials } : {});
    setBusy(false);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error.fields ?? {})) form.setError(field as keyof RotateTokenInput, { type: "server", message });
      return setError(result.error);
    }
    form.reset(EMPTY);
    onDone();
  };
  const label = `Retry ${failed} failed`;
  if (mode !== "token") {
    return (
      <div className="space-y-2">
        {error ? <Alert tone="error">{error.message}</Alert> : null}
        <Button variant="secondary" disabled={busy} onClick={() => void send()}>
          {busy ? "Queuing…" : label}
        </Button>
      </div>
    );
  }
  return (
    <FormProvider {...form}>
      <form noValidate aria-label="Retry failed items" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" onSubmit={form.handleSubmit((values) => send(values))}>
        <p className="text-sm text-slate-700">The console erased this run&apos;s token when the run stopped needing it. Enter it again to retry.</p>
        <RotationFields idPrefix="retry" />
        {error ? <Alert tone="error">{error.message}</Alert> : null}
        <Button type="submit" disabled={busy}>
          {busy ? "Queuing…" : label}
        </Button>
      </form>
    </FormProvider>
  );
}
