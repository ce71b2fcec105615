"use client";

import { useRouter } from "next/navigation";
import { type ChangeEvent, type FormEvent, useRef, useState } from "react";
import { loadOnce } from "@/components/forms/load-once";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SignInInput } from "@/lib/auth/schemas";
import { signInMessage } from "@/lib/auth/sign-in-messages";
import { preloadNextAuthClient, signInWith } from "./next-auth-client";
import { safeCallback } from "./safe-callback";
import type { SignInField, SignInFieldErrors } from "./sign-in-checks";

// The first page anyone loads carries no form library: two fields need none (react-hook-form was
// 12.7 KB gzip of this page's first load). zod, the shared schema and next-auth's client are not
// part of it either: they start loading when the form is focused, and a submit awaits them if
// they are not there yet.
const signInChecks = loadOnce(() => import("./sign-in-checks").then((module) => module.checkSignIn));
const FIELDS: readonly SignInField[] = ["email", "password"];

function preloadSignIn(): void {
  void signInChecks().catch(() => undefined);
  preloadNextAuthClient();
}

function valuesOf(form: HTMLFormElement): SignInInput {
  const data = new FormData(form);
  return { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") };
}

/** Email and password: every local account, or only the break-glass admin when local accounts are off. */
export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<SignInFieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  // Once a submit has shown what is wrong, each edit checks its field again, so an error goes as
  // soon as it is mended rather than at the next submit.
  const submitted = useRef(false);
  const password = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    submitted.current = true;
    setError(undefined);
    setSubmitting(true);
    try {
      const checked = (await signInChecks())(valuesOf(form));
      if (!checked.ok) {
        setFieldErrors(checked.errors);
        const firstInvalid = FIELDS.find((field) => checked.errors[field]);
        if (firstInvalid) form.querySelector<HTMLInputElement>(`[name="${firstInvalid}"]`)?.focus();
        return;
      }
      setFieldErrors({});
      const result = await signInWith("credentials", { ...checked.values, redirect: false });
      if (!result || result.error) {
        setError(signInMessage(result?.error ?? "CredentialsSignin", null).text);
        if (password.current) password.current.value = "";
        return;
      }
      router.replace(safeCallback(callbackUrl));
      router.refresh();
    } catch {
      // The checks and next-auth's client load on demand, and signIn itself goes over the network:
      // when any of them cannot be fetched, say so instead of leaving the button doing nothing.
      setError(signInMessage("Unreachable", null).text);
    } finally {
      setSubmitting(false);
    }
  };

  const onChange = (event: ChangeEvent<HTMLFormElement>) => {
    // The event bubbles up from the input that changed: its name says which field to check again.
    const field = FIELDS.find((name) => name === event.target.name);
    if (!submitted.current || !field) return;
    const form = event.currentTarget;
    signInChecks()
      .then((check) => {
        const checked = check(valuesOf(form));
        setFieldErrors((errors) => ({ ...errors, [field]: checked.ok ? undefined : checked.errors[field] }));
      })
      .catch(() => undefined);
  };

  return (
    <form onSubmit={(event) => void onSubmit(event)} onChange={onChange} onFocus={preloadSignIn} noValidate className="space-y-4" aria-label="Sign in">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="email" label="Email" error={fieldErrors.email}>
        <Input type="email" name="email" autoComplete="username" {...fieldAria("email", fieldErrors.email)} />
      </Field>
      <Field id="password" label="Password" error={fieldErrors.password}>
        <Input ref={password} type="password" name="password" autoComplete="current-password" {...fieldAria("password", fieldErrors.password)} />
      </Field>
      <Button type="submit" className="w-full" disabled={submitting}>
        {submitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
