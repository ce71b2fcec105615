"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { DataflowsAfterRotationAction } from "./rotation-dataflow-check";

const RotationDataflowCheck = dynamic(() => import("./rotation-dataflow-check").then((m) => m.RotationDataflowCheck), { loading: () => <p role="status">Loading…</p> });

/**
 * After a rotation made by a run or a policy: a button that asks Flow Service how the connection's
 * dataflows fared since (only when asked: a run of thousands must not query every connection).
 */
export function DataflowCheckToggle({ remoteId, check, label = "Dataflows since?" }: { remoteId: string; check: DataflowsAfterRotationAction; label?: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="ghost" size="xs" onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return <RotationDataflowCheck remoteId={remoteId} check={check} onClose={() => setOpen(false)} />;
}
