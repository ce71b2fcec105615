// next-auth's client library (about 12 KB gzip with its helpers) loads when someone signs in or
// out, not with the pages: the sign-in page must paint and answer to typing first, and every
// console page shows the sign-out buttons.
import type { SignInOptions, SignInResponse } from "next-auth/react";

function loadNextAuthClient() {
  return import("next-auth/react");
}

/** next-auth's signIn, typed for the answer of a sign-in that does not redirect. */
export async function signInWith(provider: string, options: SignInOptions): Promise<SignInResponse | undefined> {
  const { signIn } = await loadNextAuthClient();
  return signIn<"credentials">(provider, options);
}

export async function signOutTo(callbackUrl: string): Promise<void> {
  const { signOut } = await loadNextAuthClient();
  await signOut({ callbackUrl });
}

/** Starts loading the library early (a form was focused), so a submit does not wait for it. */
export function preloadNextAuthClient(): void {
  void loadNextAuthClient().catch(() => undefined);
}
