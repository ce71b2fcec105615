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
import { sandboxPolicySchema, type SandboxPolicy, type SandboxPolicyInput } from "@/lib/rotation-policy/schemas";

export type SetSandboxPolicyAction = (policy: SandboxPolicyInput) => Promise<ActionResult<SandboxPolicy>>;

/** The policy every connection of the sandbox follows unless it sets its own. */
export function SandboxPolicyForm({ sandbox, current, save }: { sandbox: string; current: SandboxPolicy; save: SetSandboxPolicyAction }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<ActionError>();
  const form = useForm<SandboxPolicyInput>({ resolver: zodResolver(sandboxPolicySchema) as never, defaultValues: current });
  const e = form.formState.errors;
  const submit = form.handleSubmit(async (values) => {
    setError(undefined);
    const result = await save(values);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error.fields ?? {})) form.setError(field as keyof SandboxPolicyInput, { type: "server", message });
      return setError(result.error);
    }
    toast("success", `Default rotation policy of ${sandbox} saved.`);
    router.refresh();
  });
  return (
    <form noValidate aria-label="Default rotation policy" className="max-w-3xl space-y-3 rounded-lg border border-slate-200 bg-white p-4" onSubmit={submit}>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register("enabled")} />
        Rotate connections with a rotation source automatically
      </label>
      <div className="grid gap-3 md:grid-cols-2">
        <Field id="default-threshold" label="Rotate with less than this % of the lifetime left" error={e.thresholdPercent?.message}>
          <Input inputMode="numeric" {...fieldAria("default-threshold", e.thresholdPercent?.message)} {...form.register("thresholdPercent")} />
        </Field>
        <Field id="default-lead" label="…and at least this many minutes before expiry" error={e.minLeadMinutes?.message}>
          <Input inputMode="numeric" {...fieldAria("default-lead", e.minLeadMinutes?.message)} {...form.register("minLeadMinutes")} />
        </Field>
      </div>
      {error && !error.fields ? <Alert tone="error">{error.message}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : "Save default policy"}
      </Button>
    </form>
  );
}
