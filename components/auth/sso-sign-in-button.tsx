"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { safeCallback } from "./safe-callback";

/** "Sign in with <name>": starts the OpenID Connect flow at the organisation's identity provider. */
export function SsoSignInButton({ providerId, name, callbackUrl }: { providerId: string; name: string; callbackUrl: string | null }) {
  const [starting, setStarting] = useState(false);
  return (
    <Button
      className="w-full"
      disabled={starting}
      onClick={() => {
        setStarting(true);
        void signIn(providerId, { callbackUrl: safeCallback(callbackUrl) });
      }}
    >
      {starting ? `Opening ${name}…` : `Sign in with ${name}`}
    </Button>
  );
}
