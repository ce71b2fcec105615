"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";

type SyncSummary = {
  seen: number;
  imported: number;
  updated: number;
  drifted: number;
  missing: number;
  dataflows?: { flows: number; failingFlows: number; connectionsWithFailing: number; failedBatches: number };
};

function dataflowSentence(d: SyncSummary["dataflows"]): string {
  if (!d) return " Dataflows could not be read.";
  const partial = d.failedBatches > 0 ? ` (${d.failedBatches} batch${d.failedBatches === 1 ? "" : "es"} could not be read)` : "";
  return ` Dataflows: ${d.flows}, ${d.failingFlows} failing on ${d.connectionsWithFailing} connection${d.connectionsWithFailing === 1 ? "" : "s"}${partial}.`;
}

export function SyncButton({ sync }: { sync: () => Promise<ActionResult<SyncSummary>> }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await sync();
          if (result.ok) {
            const r = result.data;
            toast("success", `Synced ${r.seen} connections: ${r.imported} imported, ${r.updated} updated, ${r.drifted} drifted, ${r.missing} missing.${dataflowSentence(r.dataflows)}`);
          } else {
            toast("error", result.error.message);
          }
          router.refresh();
        })
      }
    >
      {pending ? "Syncing…" : "Sync now"}
    </Button>
  );
}
