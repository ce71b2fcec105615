"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { connectionPolicySchema, type ConnectionPolicyInput } from "@/lib/rotation-policy/schemas";

export type SetPolicyAction = (remoteId: string, policy: ConnectionPolicyInput) => Promise<ActionResult<{ remoteId: string }>>;

/** A connection's own policy: follow the sandbox default, or set on/off and its own lead. */
export function PolicyForm({ remoteId, current, followed, save }: { remoteId: string; current: { mode: "inherit" | "on" | "off"; thresholdPercent: number | null; minLeadMinutes: number | null }; followed: { thresholdPercent: number; minLeadMinutes: number }; save: SetPolicyAction }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<ActionError>();
  const form = useForm<ConnectionPolicyInput>({
    resolver: zodResolver(connectionPolicySchema) as never,
    defaultValues: { mode: current.mode, thresholdPercent: current.thresholdPercent === null ? "" : String(current.thresholdPercent), minLeadMinutes: current.minLeadMinutes === null ? "" : String(current.minLeadMinutes) } as never,
  });
  const e = form.formState.errors;
  const submit = form.handleSubmit(async (values) => {
    setError(undefined);
    const result = await save(remoteId, values);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error.fields ?? {})) form.setError(field as keyof ConnectionPolicyInput, { type: "server", message });
      return setError(result.error);
    }
    toast("success", "Rotation policy saved.");
    router.refresh();
  });
  return (
    <form noValidate aria-label="Rotation policy" className="space-y-3" onSubmit={submit}>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium">Automatic rotation</legend>
        {(["inherit", "on", "off"] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-2">
            <input type="radio" value={mode} {...form.register("mode")} />
            {mode === "inherit" ? "Follow the sandbox default" : mode === "on" ? "On" : "Off"}
          </label>
        ))}
      </fieldset>
      <div className="grid gap-3 md:grid-cols-2">
        <Field id={`policy-threshold-${remoteId}`} label={`Rotate with less than this % of the lifetime left (empty: ${followed.thresholdPercent})`} error={e.thresholdPercent?.message}>
          <Input inputMode="numeric" {...fieldAria(`policy-threshold-${remoteId}`, e.thresholdPercent?.message)} {...form.register("thresholdPercent")} />
        </Field>
        <Field id={`policy-lead-${remoteId}`} label={`…and at least this many minutes before expiry (empty: ${followed.minLeadMinutes})`} error={e.minLeadMinutes?.message}>
          <Input inputMode="numeric" {...fieldAria(`policy-lead-${remoteId}`, e.minLeadMinutes?.message)} {...form.register("minLeadMinutes")} />
        </Field>
      </div>
      {error && !error.fields ? <Alert tone="error">{error.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : "Save policy"}
      </Button>
    </form>
  );
}
