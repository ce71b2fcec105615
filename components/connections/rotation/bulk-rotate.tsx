"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { mapBounded } from "@/lib/connections/bounded";
import { rotateTokenSchema, type RotateTokenInput } from "@/lib/connections/schemas";
import type { RotateAction } from "./rotate-form";
import { RotationFields } from "./rotation-fields";

const CONCURRENCY = 8;
type RowOutcome = { state: "pending" | "running" | "done" | "conflict" | "failed"; message?: string };

/** One token applied to every selected connection, eight at a time, each with its own result. */
export function BulkRotate({ targets, rotate, onClose }: { targets: { remoteId: string; name: string }[]; rotate: RotateAction; onClose: () => void }) {
  const router = useRouter();
  const form = useForm<RotateTokenInput>({ resolver: zodResolver(rotateTokenSchema) as never, defaultValues: { s3SessionToken: "", sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" } });
  const [outcomes, setOutcomes] = useState<Record<string, RowOutcome>>({});
  const [running, setRunning] = useState(false);
  const finished = Object.values(outcomes).filter((o) => o.state !== "pending" && o.state !== "running").length;

  const run = form.handleSubmit(async (values) => {
    setRunning(true);
    setOutcomes(Object.fromEntries(targets.map((t) => [t.remoteId, { state: "pending" }])));
    await mapBounded(targets, CONCURRENCY, async (target) => {
      setOutcomes((o) => ({ ...o, [target.remoteId]: { state: "running" } }));
      const result = await rotate(target.remoteId, values).catch(() => ({ ok: false as const, error: { code: "network", message: "The console did not answer." } }));
      const outcome: RowOutcome = result.ok ? { state: "done" } : { state: result.error.code === "conflict" ? "conflict" : "failed", message: result.error.message };
      setOutcomes((o) => ({ ...o, [target.remoteId]: outcome }));
    });
    form.reset(); // drop the token from memory once every row has been tried
    setRunning(false);
    router.refresh();
  });

  return (
    <section aria-label="Bulk rotation" className="mb-4 rounded-lg border border-blue-200 bg-blue-50 p-4">
      <h2 className="mb-2 font-semibold">Rotate {targets.length} connection{targets.length === 1 ? "" : "s"} with one token</h2>
      <FormProvider {...form}>
        <form noValidate onSubmit={run} className="space-y-3">
          <RotationFields idPrefix="bulk" />
          <div className="flex gap-2">
            <Button type="submit" disabled={running}>
              {running ? "Rotating…" : `Rotate ${targets.length}`}
            </Button>
            <Button variant="secondary" onClick={onClose} disabled={running}>
              Close
            </Button>
          </div>
        </form>
      </FormProvider>
      {Object.keys(outcomes).length ? (
        <div className="mt-3">
          <label className="block text-sm" htmlFor="bulk-progress">
            {finished} of {targets.length} done
          </label>
          <progress id="bulk-progress" max={targets.length} value={finished} className="h-2 w-full" />
          <ul className="mt-2 space-y-1 text-sm" data-testid="bulk-results">
            {targets.map((t) => {
              const o = outcomes[t.remoteId];
              return (
                <li key={t.remoteId} data-state={o?.state}>
                  <span className="font-medium">{t.name}</span>: {o?.state === "done" ? "rotated" : o?.state === "conflict" ? `conflict — ${o.message}` : o?.state === "failed" ? `failed — ${o.message}` : (o?.state ?? "")}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
