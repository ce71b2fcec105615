"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch, type UseFormReturn } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import { createEndpointSchema, isLocalTestingUrl, LOCAL_TESTING_NOTE, updateEndpointSchema } from "@/lib/alerts/endpoint-schema";
import { EndpointFields, type EndpointValues } from "./endpoint-fields";
import { SecretOnce } from "./secret-once";

export type CreateEndpointAction = (input: EndpointValues) => Promise<ActionResult<{ id: string; name: string; secret: string }>>;
export type UpdateEndpointAction = (id: string, input: Omit<EndpointValues, "url">) => Promise<ActionResult<{ id: string; name: string }>>;

/** Puts the server's field errors on their fields; returns the message for the form. */
function showErrors<V extends object>(form: UseFormReturn<V>, result: Extract<ActionResult<unknown>, { ok: false }>): string {
  for (const [field, message] of Object.entries(result.error.fields ?? {})) form.setError(field as never, { type: "server", message });
  return result.error.message;
}

/** Registering an endpoint; on success the signing secret is shown, once. */
export function CreateEndpointForm({ create }: { create: CreateEndpointAction }) {
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ id: string; name: string; secret: string }>();
  const form = useForm<EndpointValues>({ resolver: zodResolver(createEndpointSchema) as never, defaultValues: { name: "", url: "", events: [], format: "json" } });
  const e = form.formState.errors;
  const url = useWatch({ control: form.control, name: "url" });

  if (created) {
    return (
      <div className="space-y-4">
        <SecretOnce name={created.name} secret={created.secret} />
        <div className="flex gap-2">
          <Link href={`/settings/webhooks/${created.id}`} className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
            I have saved it: open the endpoint
          </Link>
        </div>
      </div>
    );
  }
  const submit = async () => {
    setError(undefined);
    const result = await create(form.getValues());
    if (!result.ok) return setError(showErrors(form, result));
    setCreated(result.data);
  };
  return (
    <form noValidate aria-label="Register a webhook endpoint" className="max-w-2xl space-y-4" onSubmit={form.handleSubmit(submit)}>
      <Field id="webhook-url" label="URL" hint={isLocalTestingUrl(url) ? undefined : "https://… that accepts POST. Plain http only for this machine (localhost), for local testing."} error={e.url?.message}>
        <Input {...fieldAria("webhook-url", e.url?.message, !isLocalTestingUrl(url))} {...form.register("url")} inputMode="url" autoComplete="off" spellCheck={false} />
      </Field>
      {isLocalTestingUrl(url) && !e.url ? <Alert tone="warning">{LOCAL_TESTING_NOTE}</Alert> : null}
      <EndpointFields register={form.register} errors={e} />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Registering…" : "Register endpoint"}
      </Button>
    </form>
  );
}

/** Changing an endpoint's name, events and payload shape (its URL is fixed). */
export function EditEndpointForm({ endpoint, update }: { endpoint: { id: string; name: string; events: string[]; format: "json" | "slack" }; update: UpdateEndpointAction }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string>();
  const form = useForm<EndpointValues>({ resolver: zodResolver(updateEndpointSchema) as never, defaultValues: { name: endpoint.name, url: "", events: endpoint.events, format: endpoint.format } });
  const submit = async () => {
    setError(undefined);
    const { url: _url, ...values } = form.getValues();
    const result = await update(endpoint.id, values);
    if (!result.ok) return setError(showErrors(form, result));
    toast("success", `${result.data.name} saved.`);
    router.refresh();
  };
  return (
    <form noValidate aria-label="Endpoint settings" className="max-w-2xl space-y-4" onSubmit={form.handleSubmit(submit)}>
      <EndpointFields register={form.register} errors={form.formState.errors} />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={form.formState.isSubmitting}>
        Save changes
      </Button>
    </form>
  );
}
