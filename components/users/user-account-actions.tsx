"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";

type Props = {
  userId: string;
  email: string;
  disabled: boolean;
  /** The signed-in admin's own row: no "Disable" (an admin cannot lock themselves out). */
  self: boolean;
  endSessions: (userId: string) => Promise<ActionResult<{ email: string; ended: number }>>;
  setDisabled: (userId: string, disabled: boolean) => Promise<ActionResult<{ email: string; disabled: boolean; ended: number }>>;
};

function plural(count: number): string {
  return `${count} session${count === 1 ? "" : "s"}`;
}

/** Settings → Users, one row's buttons: end the user's sessions; disable or enable the account. */
export function UserAccountActions({ userId, email, disabled, self, endSessions, setDisabled }: Props) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const run = (work: () => Promise<string | { error: string }>) =>
    startTransition(async () => {
      const outcome = await work();
      if (typeof outcome === "string") toast("success", outcome);
      else toast("error", outcome.error);
      router.refresh();
    });

  return (
    <div className="flex gap-2">
      <Button
        variant="secondary"
        size="xs"
        disabled={pending}
        onClick={() =>
          run(async () => {
            const result = await endSessions(userId);
            return result.ok ? `Ended ${plural(result.data.ended)} of ${result.data.email}.` : { error: result.error.message };
          })
        }
      >
        End sessions<span className="sr-only"> of {email}</span>
      </Button>
      {self ? null : (
        <Button
          variant={disabled ? "secondary" : "danger"}
          size="xs"
          disabled={pending}
          onClick={() =>
            run(async () => {
              const result = await setDisabled(userId, !disabled);
              if (!result.ok) return { error: result.error.message };
              return result.data.disabled ? `Disabled ${result.data.email}; ended ${plural(result.data.ended)}.` : `Enabled ${result.data.email}.`;
            })
          }
        >
          {disabled ? "Enable" : "Disable"}
          <span className="sr-only"> {email}</span>
        </Button>
      )}
    </div>
  );
}
