"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useForm } from "react-hook-form";
import { lazyResolver } from "@/components/forms/lazy-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { SignInInput } from "@/lib/auth/schemas";
import { signInMessage } from "@/lib/auth/sign-in-messages";
import { preloadNextAuthClient, signInWith } from "./next-auth-client";
import { safeCallback } from "./safe-callback";

// zod, the shared schema and next-auth's client are not part of the page's first load: they
// start loading when the form is focused, and the first check awaits them if they are not there.
const validation = lazyResolver<SignInInput>(() => import("./sign-in-resolver").then((module) => module.signInResolver));

function preloadSignIn(): void {
  validation.preload();
  preloadNextAuthClient();
}

/** Email and password: every local account, or only the break-glass admin when local accounts are off. */
export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(undefined);
  const form = useForm<SignInInput>({ resolver: validation.resolver, defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setError(undefined);
    const result = await signInWith("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setError(signInMessage(result?.error ?? "CredentialsSignin", null).text);
      form.resetField("password");
      return;
    }
    router.replace(safeCallback(callbackUrl));
    router.refresh();
  });
  // The checks and next-auth's client load on demand, and signIn itself goes over the network:
  // when any of them cannot be fetched, say so instead of leaving the button doing nothing.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    void submit(event).catch(() => setError(signInMessage("Unreachable", null).text));
  };

  return (
    <form onSubmit={onSubmit} onFocus={preloadSignIn} noValidate className="space-y-4" aria-label="Sign in">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" {...fieldAria("email", errors.email?.message)} {...form.register("email")} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...fieldAria("password", errors.password?.message)} {...form.register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
