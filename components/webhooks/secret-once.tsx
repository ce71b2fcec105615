"use client";

import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import { utcTime } from "@/lib/format/utc";

/** The signing secret, in the one answer that carries it: copy it now or roll a new one later. */
export function SecretOnce({ name, secret, previousValidUntil }: { name: string; secret: string; previousValidUntil?: string | null }) {
  return (
    <section aria-labelledby="secret-once-heading" className="max-w-2xl space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="secret-once-heading" className="text-base font-semibold text-amber-950">
        Signing secret of {name}
      </h2>
      <p className="text-sm text-amber-950">
        Copy it into your receiver now: it is shown only this once. It is stored sealed and never displayed again; if it is lost, roll a new one.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code data-testid="signing-secret" className="break-all rounded border border-amber-300 bg-white px-3 py-2 font-mono text-sm">
          {secret}
        </code>
        <CopyButton text={secret} label="Copy secret" />
      </div>
      {previousValidUntil ? (
        <Alert tone="info">The previous secret also signs every delivery until {utcTime(previousValidUntil, "minute")}, so receivers can switch without missing one.</Alert>
      ) : null}
    </section>
  );
}
