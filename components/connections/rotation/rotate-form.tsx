"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import { rotateTokenSchema, type RotateTokenInput } from "@/lib/connections/schemas";
import { ConflictAlert } from "@/components/connections/conflict-alert";
import { RotationFields } from "./rotation-fields";

export type RotateAction = (remoteId: string, input: RotateTokenInput, expectedEtag?: string) => Promise<ActionResult<{ etag: string }>>;

const EMPTY: RotateTokenInput = { s3SessionToken: "", sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" };

/** Paste a new token (and optionally a new key pair) for one connection. */
export function RotateForm({ remoteId, name, rotate, onDone, onRotated }: { remoteId: string; name: string; rotate: RotateAction; onDone?: () => void; onRotated?: () => void }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<ActionError>();
  const form = useForm<RotateTokenInput>({ resolver: zodResolver(rotateTokenSchema) as never, defaultValues: EMPTY });

  const send = async (expectedEtag?: string) => {
    setError(undefined);
    const result = await rotate(remoteId, form.getValues(), expectedEtag);
    if (result.ok) {
      form.reset(EMPTY); // the token leaves the browser's memory with the form state
      toast("success", `Session token of ${name} rotated.`);
      onRotated?.();
      onDone?.();
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.error.fields ?? {})) form.setError(field as keyof RotateTokenInput, { type: "server", message });
    setError(result.error);
  };

  return (
    <FormProvider {...form}>
      <form noValidate aria-label={`Rotate the session token of ${name}`} className="space-y-3" onSubmit={form.handleSubmit(() => send())}>
        <RotationFields idPrefix={`rotate-${remoteId}`} />
        {error?.code === "conflict" ? (
          <ConflictAlert error={error} retryLabel="Apply to the latest version" busy={form.formState.isSubmitting} onRetry={(etag) => void send(etag)} />
        ) : error ? (
          <Alert tone="error">{error.message}</Alert>
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Rotating…" : "Rotate token"}
          </Button>
          {onDone ? (
            <Button variant="secondary" onClick={onDone}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
    </FormProvider>
  );
}
