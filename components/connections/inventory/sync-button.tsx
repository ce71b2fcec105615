"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import { countOf, formatCount } from "@/lib/format/count";

type SyncSummary = {
  seen: number;
  imported: number;
  updated: number;
  drifted: number;
  missing: number;
  dataflows?: { flows: number; failingFlows: number; connectionsWithFailing: number; failedBatches: number };
};
type SyncState = "waiting" | "running" | "done" | "failed" | "cancelled";
type SyncStatus = { state: SyncState; report?: SyncSummary; message?: string };

function dataflowSentence(d: SyncSummary["dataflows"]): string {
  if (!d) return " Dataflows could not be read.";
  const partial = d.failedBatches > 0 ? ` (${countOf(d.failedBatches, "batch", "batches")} could not be read)` : "";
  return ` Dataflows: ${formatCount(d.flows)}, ${formatCount(d.failingFlows)} failing on ${countOf(d.connectionsWithFailing, "connection")}${partial}.`;
}

export type SyncNowAction = () => Promise<ActionResult<{ jobId: string; joined: boolean }>>;
export type SyncStatusAction = (jobId: string) => Promise<ActionResult<SyncStatus>>;

const POLL_MS = 1_000;

/**
 * "Sync now" queues a sync on the server (or joins the one already queued or running) and follows
 * it until it ends. The sync itself does not depend on this page: leaving it stops only the following.
 */
export function SyncButton({ sync, status }: { sync: SyncNowAction; status: SyncStatusAction }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<SyncState>();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const follow = async (jobId: string) => {
    while (mounted.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const result = await status(jobId).catch(() => undefined);
      if (!result) continue; // a network blip: keep following
      if (!result.ok) return toast("error", result.error.message);
      setState(result.data.state);
      const { report, message } = result.data;
      if (result.data.state === "done" && report) {
        return toast("success", `Synced ${countOf(report.seen, "connection")}: ${formatCount(report.imported)} imported, ${formatCount(report.updated)} updated, ${formatCount(report.drifted)} drifted, ${formatCount(report.missing)} missing.${dataflowSentence(report.dataflows)}`);
      }
      if (result.data.state === "failed" || result.data.state === "cancelled") return toast("error", message ?? "The sync did not complete.");
    }
  };

  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          setState("waiting");
          const result = await sync();
          if (!result.ok) {
            setState(undefined);
            return toast("error", result.error.message);
          }
          if (result.data.joined) toast("info", "A sync of this sandbox is already under way; showing its result.");
          await follow(result.data.jobId);
          setState(undefined);
          router.refresh();
        })
      }
    >
      <span aria-live="polite">{pending ? (state === "running" ? "Syncing…" : "Sync queued…") : "Sync now"}</span>
    </Button>
  );
}
