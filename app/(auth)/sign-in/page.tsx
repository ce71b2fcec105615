import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignInButton } from "@/components/auth/sso-sign-in-button";
import { Alert } from "@/components/ui/alert";
import { authSignInConfig } from "@/lib/auth/config";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc/provider";
import { currentUser } from "@/lib/auth/session";
import { signInMessage } from "@/lib/auth/sign-in-messages";
import { clientEnv } from "@/lib/env.client";
import { serverEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await currentUser()) redirect("/connections");
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : null;
  const error = typeof params.error === "string" ? params.error : undefined;
  const config = authSignInConfig(serverEnv());
  const sso = config.oidc ? { name: config.oidc.name } : null;
  const message = error ? signInMessage(error, sso?.name ?? null) : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">{clientEnv.NEXT_PUBLIC_APP_NAME}</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Sign in to manage your Amazon S3 sources.</p>
        {message ? (
          <div className="mb-4">
            <Alert tone="error" title={message.title}>
              {message.text}
            </Alert>
          </div>
        ) : null}
        {sso ? <SsoSignInButton providerId={OIDC_PROVIDER_ID} name={sso.name} callbackUrl={callbackUrl} /> : null}
        {config.localAccounts === "on" ? (
          <>
            {sso ? <p className="my-4 text-center text-xs uppercase text-slate-600">or with a console password</p> : null}
            <SignInForm callbackUrl={callbackUrl} />
          </>
        ) : (
          <details className="mt-6 text-sm">
            <summary className="cursor-pointer text-slate-700">Break-glass administrator sign-in</summary>
            <p className="my-3 text-xs text-slate-600">For the console&apos;s emergency admin account only, when {sso?.name} is unavailable. Every use is recorded in the audit log.</p>
            <SignInForm callbackUrl={callbackUrl} />
          </details>
        )}
      </div>
    </main>
  );
}
