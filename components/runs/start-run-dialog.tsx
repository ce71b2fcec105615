"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { RotationFields } from "@/components/connections/rotation/rotation-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { rotateTokenSchema, type RotateTokenInput } from "@/lib/connections/schemas";
import type { RunMode, RunSelection, StartRunInput } from "@/lib/runs/schemas";
import { runPath } from "@/lib/paths";

export type StartRunAction = (input: StartRunInput) => Promise<ActionResult<{ runId: string; total: number; excluded: { reason: string; count: number }[] }>>;

const EMPTY: RotateTokenInput = { s3SessionToken: "", sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" };

/**
 * Starts a rotation run on the server and opens its page. The run does not depend on this tab:
 * closing it, signing out or losing the network does not stop it.
 */
export function StartRunDialog({ selection, title, start, onClose }: { selection: RunSelection; title: string; start: StartRunAction; onClose: () => void }) {
  const router = useRouter();
  const [mode, setMode] = useState<RunMode>("token");
  const [error, setError] = useState<ActionError>();
  const [busy, setBusy] = useState(false);
  const form = useForm<RotateTokenInput>({ resolver: zodResolver(rotateTokenSchema) as never, defaultValues: EMPTY });

  const submit = async (credentials?: RotateTokenInput) => {
    setError(undefined);
    setBusy(true);
    const input = (mode === "token" ? { mode, selection, credentials } : { mode, selection }) as StartRunInput;
    const result: Awaited<ReturnType<StartRunAction>> = await start(input).catch(() => ({ ok: false, error: { code: "network", message: "The console did not answer; the run may not have started. Check the Runs page." } }));
    setBusy(false);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error.fields ?? {})) form.setError(field as keyof RotateTokenInput, { type: "server", message });
      setError(result.error);
      return;
    }
    form.reset(EMPTY); // the token leaves the browser's memory with the form state
    router.push(runPath(result.data.runId));
  };

  return (
    <section aria-labelledby="start-run-heading" className="mb-4 rounded-lg border border-blue-200 bg-blue-50 p-4">
      <h2 id="start-run-heading" className="mb-1 font-semibold">
        {title}
      </h2>
      <p className="mb-3 text-sm text-slate-700">The rotation runs on the server: you can close this page, and follow it on the Runs page.</p>
      <fieldset className="mb-3 flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">How to rotate</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="run-mode" value="token" checked={mode === "token"} onChange={() => setMode("token")} />
          Apply one session token to each
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="run-mode" value="sts" checked={mode === "sts"} onChange={() => setMode("sts")} />
          Mint fresh credentials for each with STS (rotation sources)
        </label>
      </fieldset>
      <FormProvider {...form}>
        <form noValidate aria-label={title} className="space-y-3" onSubmit={mode === "token" ? form.handleSubmit((values) => submit(values)) : (event) => (event.preventDefault(), void submit())}>
          {mode === "token" ? <RotationFields idPrefix="run" /> : null}
          {error ? <Alert tone="error">{error.message}</Alert> : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={busy}>
              {busy ? "Starting…" : "Start rotation run"}
            </Button>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}
