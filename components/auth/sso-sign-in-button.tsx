"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signInWith } from "./next-auth-client";
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
        // A redirect to the identity provider; should the library fail to load, the button comes back.
        signInWith(providerId, { callbackUrl: safeCallback(callbackUrl) }).catch(() => setStarting(false));
      }}
    >
      {starting ? `Opening ${name}…` : `Sign in with ${name}`}
    </Button>
  );
}
