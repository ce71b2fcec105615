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
import type { ActionResult } from "@/lib/actions/result";
import { rotationSourceSchema } from "@/lib/sts/rotation-source";

type Values = { roleArn: string; externalId: string; durationSeconds: number | undefined };
export type SetSourceAction = (remoteId: string, source: Values | null) => Promise<ActionResult<{ remoteId: string }>>;

/** Where "Rotate now" gets credentials: an IAM role the console may assume with STS. */
export function RotationSourceForm({ remoteId, current, save }: { remoteId: string; current: { roleArn: string | null; externalId: string | null; durationSeconds: number | null }; save: SetSourceAction }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string>();
  const form = useForm<Values>({
    resolver: zodResolver(rotationSourceSchema) as never,
    defaultValues: { roleArn: current.roleArn ?? "", externalId: current.externalId ?? "", durationSeconds: current.durationSeconds ?? undefined },
  });
  const e = form.formState.errors;
  const submit = async (source: Values | null) => {
    setError(undefined);
    const result = await save(remoteId, source);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.error.fields ?? {})) form.setError(field as keyof Values, { type: "server", message });
      setError(result.error.message);
      return;
    }
    toast("success", source ? "Rotation source saved." : "Rotation source removed.");
    router.refresh();
  };
  return (
    <form noValidate aria-label="Rotation source" className="max-w-2xl space-y-3" onSubmit={form.handleSubmit(() => submit(form.getValues()))}>
      <Field id="roleArn" label="IAM role to assume" hint="arn:aws:iam::<account>:role/<name>; its trust policy must allow the console's AWS identity." error={e.roleArn?.message}>
        <Input {...fieldAria("roleArn", e.roleArn?.message, true)} {...form.register("roleArn")} autoComplete="off" spellCheck={false} />
      </Field>
      <div className="grid gap-3 md:grid-cols-2">
        <Field id="externalId" label="External id (optional)" error={e.externalId?.message}>
          <Input {...fieldAria("externalId", e.externalId?.message)} {...form.register("externalId")} autoComplete="off" />
        </Field>
        <Field id="durationSeconds" label="Duration in seconds (optional)" hint="900 to 43200; the role's maximum applies." error={e.durationSeconds?.message}>
          <Input type="number" {...fieldAria("durationSeconds", e.durationSeconds?.message, true)} {...form.register("durationSeconds", { setValueAs: (v: string | number) => (v === "" || v === undefined ? undefined : Number(v)) })} />
        </Field>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
          Save rotation source
        </Button>
        {current.roleArn ? (
          <Button variant="ghost" onClick={() => void submit(null)}>
            Remove
          </Button>
        ) : null}
      </div>
    </form>
  );
}
