"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { editConnectionSchema, type EditConnection, type EditConnectionInput } from "@/lib/connections/edit-schema";
import { ConflictAlert } from "@/components/connections/conflict-alert";

export type EditAction = (
  remoteId: string,
  input: EditConnectionInput,
  expectedEtag?: string,
) => Promise<ActionResult<{ name: string; description: string | null; changed: boolean }>>;

/** Name and description, validated here and again by the action with the same schema. */
export function EditConnectionForm({ remoteId, name, description, save }: { remoteId: string; name: string; description: string | null; save: EditAction }) {
  const toast = useToast();
  const [error, setError] = useState<ActionError>();
  const form = useForm<EditConnectionInput, unknown, EditConnection>({ resolver: zodResolver(editConnectionSchema), defaultValues: { name, description: description ?? "" } });
  const e = form.formState.errors;

  const send = async (values: EditConnectionInput, expectedEtag?: string) => {
    setError(undefined);
    const result = await save(remoteId, values, expectedEtag);
    if (result.ok) {
      form.reset({ name: result.data.name, description: result.data.description ?? "" });
      toast("success", result.data.changed ? `Saved ${result.data.name}.` : "Nothing to save: the name and description are unchanged.");
      return;
    }
    for (const [field, message] of Object.entries(result.error.fields ?? {})) {
      if (field === "name" || field === "description") form.setError(field, { type: "server", message });
    }
    setError(result.error);
  };

  return (
    <section aria-labelledby="edit-connection-heading" className="space-y-3">
      <h2 id="edit-connection-heading" className="text-lg font-semibold">
        Name and description
      </h2>
      <form noValidate aria-label="Edit name and description" className="max-w-2xl space-y-3" onSubmit={form.handleSubmit((values) => send(values))}>
        <Field id="edit-name" label="Name" error={e.name?.message}>
          <Input autoComplete="off" {...fieldAria("edit-name", e.name?.message)} {...form.register("name")} />
        </Field>
        <Field id="edit-description" label="Description (optional)" error={e.description?.message}>
          <Input autoComplete="off" {...fieldAria("edit-description", e.description?.message)} {...form.register("description")} />
        </Field>
        {error?.code === "conflict" ? (
          <ConflictAlert
            error={error}
            retryLabel="Save over the latest version"
            busy={form.formState.isSubmitting}
            // Same values, sent against the etag Flow Service reported with the conflict.
            onRetry={(currentEtag) => void form.handleSubmit((values) => send(values, currentEtag))()}
          />
        ) : error && !error.fields ? (
          <Alert tone="error">{error.message}</Alert>
        ) : null}
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Save changes"}
        </Button>
      </form>
    </section>
  );
}
