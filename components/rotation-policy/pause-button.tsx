"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";

export type PauseAction = (remoteId: string) => Promise<ActionResult<{ remoteId: string; paused: boolean }>>;

/** Pause, or resume (which also clears "needs attention" once a person has looked). */
export function PauseButton({ remoteId, paused, needsAttention, pause, resume }: { remoteId: string; paused: boolean; needsAttention: boolean; pause: PauseAction; resume: PauseAction }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const resuming = paused || needsAttention;
  const label = needsAttention && !paused ? "I have looked: resume automatic rotation" : paused ? "Resume automatic rotation" : "Pause automatic rotation";
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await (resuming ? resume : pause)(remoteId);
          if (!result.ok) return toast("error", result.error.message);
          toast("success", result.data.paused ? "Automatic rotation paused." : "Automatic rotation resumed.");
          router.refresh();
        })
      }
    >
      {label}
    </Button>
  );
}
