"use client";

import { useFormContext } from "react-hook-form";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SecretInput } from "@/components/ui/secret-input";
import type { RotateTokenInput } from "@/lib/connections/schemas";

/** The fields of a rotation: the token, its expiry, and optionally the rest of the AWS triple. */
export function RotationFields({ idPrefix }: { idPrefix: string }) {
  const { register, formState } = useFormContext<RotateTokenInput>();
  const e = formState.errors;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <Field id={id("token")} label="New session token" error={e.s3SessionToken?.message}>
        <SecretInput label="new session token" {...fieldAria(id("token"), e.s3SessionToken?.message)} {...register("s3SessionToken")} />
      </Field>
      <Field id={id("expiry")} label="Expires at, UTC (optional)" error={e.sessionTokenExpiresAt?.message}>
        <Input type="datetime-local" {...fieldAria(id("expiry"), e.sessionTokenExpiresAt?.message)} {...register("sessionTokenExpiresAt")} />
      </Field>
      <Field id={id("key")} label="New access key id (optional)" error={e.s3AccessKey?.message}>
        <Input autoComplete="off" spellCheck={false} {...fieldAria(id("key"), e.s3AccessKey?.message)} {...register("s3AccessKey")} />
      </Field>
      <Field id={id("secret")} label="New secret access key (optional)" error={e.s3SecretKey?.message}>
        <SecretInput label="new secret access key" {...fieldAria(id("secret"), e.s3SecretKey?.message)} {...register("s3SecretKey")} />
      </Field>
    </div>
  );
}
