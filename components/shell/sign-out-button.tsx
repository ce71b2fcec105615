"use client";

import { useTransition } from "react";
import { signOutTo } from "@/components/auth/next-auth-client";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";

const signOutToSignIn = () => signOutTo("/sign-in");

/** Ends this session on the server (next-auth's sign-out event) and clears the cookie. */
export function SignOutButton() {
  const [pending, startTransition] = useTransition();
  return (
    <Button variant="secondary" disabled={pending} onClick={() => startTransition(signOutToSignIn)}>
      Sign out
    </Button>
  );
}

/** Ends every session of this user, on every device, then this browser's cookie too. */
export function SignOutEverywhereButton({ signOutEverywhere }: { signOutEverywhere: () => Promise<ActionResult<{ ended: number }>> }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="ghost"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          // Whatever the answer (an already-ended session is "unauthenticated"), leave signed out.
          await signOutEverywhere();
          await signOutToSignIn();
        })
      }
    >
      {pending ? "Signing out…" : "Sign out everywhere"}
    </Button>
  );
}
