"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { withQueryScope } from "@/components/ui/query-scope";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import type { ItemState } from "@/lib/runs/schemas";
import type { RunItemView, RunProgress } from "@/lib/runs/view";
import type { DataflowsAfterRotationAction } from "@/components/dataflows/rotation-dataflow-check";
import type { RetryFailedAction } from "./retry-failed-form";
import { finishedCount, RunCounts } from "./run-counts";
import { duration, modeLabel, selectionLabel, STATE_LABELS, STATE_TONES, utc } from "./run-format";
import { RunItemsTable } from "./run-items-table";
import { countOf, formatCount } from "@/lib/format/count";

const RetryFailedForm = dynamic(() => import("./retry-failed-form").then((m) => m.RetryFailedForm), { loading: () => <p role="status">Loading…</p> });

type Progress = { run: RunProgress; items: RunItemView[]; itemTotal: number };
type ItemsQuery = { status?: ItemState; page: number };
export type RunProgressAction = (runId: string, query: ItemsQuery) => Promise<ActionResult<Progress>>;
export type CancelRunAction = (runId: string) => Promise<ActionResult<{ cancelled: number; stillRunning: number }>>;

const PAGE_SIZE = 50;

/**
 * Counts the view's mounts. The console's QueryClient outlives a page, so a run page visited
 * before would find its old copy in the cache, and react-query shows a cached copy in place of
 * `initialData`: the previous visit's progress until the first refetch answers. Keying each mount's
 * queries by its own number makes every visit start from the server's render, while paging
 * within one visit still finds its pages in the cache.
 */
let mounts = 0;

/** A run's live page: it reads the server's state every second while the run goes on. */
type RunProgressProps = { initial: Progress; progress: RunProgressAction; cancel: CancelRunAction; retry: RetryFailedAction; checkDataflows: DataflowsAfterRotationAction; canManage: boolean };

export const RunProgressView = withQueryScope(function RunProgressView({ initial, progress, cancel, retry, checkDataflows, canManage }: RunProgressProps) {
  const runId = initial.run.id;
  const toast = useToast();
  const queryClient = useQueryClient();
  const [items, setItems] = useState<ItemsQuery>({ page: 1 });
  const [retrying, setRetrying] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [visit] = useState(() => ++mounts);
  const query = useQuery({
    queryKey: ["run", runId, visit, items.status ?? "all", items.page],
    initialData: items.page === 1 && !items.status ? initial : undefined,
    queryFn: async () => {
      const result = await progress(runId, items);
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    refetchInterval: (q) => (q.state.data && (q.state.data.run.status === "running" || q.state.data.run.counts.running > 0) ? 1_000 : false),
    staleTime: 0,
  });
  const data = query.data ?? initial;
  const { run } = data;
  const finished = finishedCount(run.counts);
  const failed = run.counts.failed + run.counts.conflict;
  const pages = Math.max(1, Math.ceil(data.itemTotal / PAGE_SIZE));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ["run", runId] });

  const onCancel = async () => {
    setCancelling(true);
    const result = await cancel(runId);
    setCancelling(false);
    if (result.ok) toast("success", `Run cancelled: ${countOf(result.data.cancelled, "waiting item")} will not run${result.data.stillRunning ? `; ${formatCount(result.data.stillRunning)} already running will finish` : ""}.`);
    else toast("error", result.error.message);
    refresh();
  };

  return (
    <div className="space-y-6">
      <section aria-labelledby="run-summary-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="run-summary-heading" className="flex items-center gap-2 text-lg font-semibold">
          Status <Badge tone={STATE_TONES[run.status] ?? "neutral"}>{run.status}</Badge>
        </h2>
        <p className="text-sm text-slate-700">
          {countOf(run.total, "connection")} rotated with {modeLabel(run.mode)}: {selectionLabel(run.selection)}. Started {utc(run.createdAt)} by {run.createdByEmail}
          {run.cancelledAt ? `; cancelled ${utc(run.cancelledAt)} by ${run.cancelledBy}` : ""}
          {run.finishedAt && run.status === "finished" ? `; finished ${utc(run.finishedAt)}` : ""}.
        </p>
        <div>
          <label htmlFor="run-progress" className="block text-sm" data-testid="run-finished">
            {formatCount(finished)} of {formatCount(run.total)} finished
          </label>
          <progress id="run-progress" max={run.total} value={finished} className="h-2 w-full" />
        </div>
        <RunCounts counts={run.counts} />
        {run.status === "running" ? (
          <p className="text-sm text-slate-700" data-testid="run-pace">
            {run.perMinute ? `${formatCount(run.perMinute)} per minute` : "Measuring the pace…"}
            {run.secondsLeft ? ` · about ${duration(run.secondsLeft)} left` : ""}
          </p>
        ) : null}
        {query.error ? <Alert tone="warning">The page could not refresh: {query.error.message} It keeps trying.</Alert> : null}
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            {run.status === "running" ? (
              <Button variant="danger" disabled={cancelling} onClick={() => void onCancel()}>
                {cancelling ? "Cancelling…" : "Cancel the items not started"}
              </Button>
            ) : null}
            {run.status !== "running" && failed > 0 && !retrying ? (
              <Button variant="secondary" onClick={() => setRetrying(true)}>
                Retry failed…
              </Button>
            ) : null}
          </div>
        ) : null}
        {retrying ? (
          <RetryFailedForm
            runId={runId}
            mode={run.mode}
            failed={failed}
            retry={retry}
            onDone={() => {
              setRetrying(false);
              toast("success", "The failed items are queued again.");
              refresh();
            }}
          />
        ) : null}
      </section>

      <section aria-labelledby="run-items-heading" className="space-y-3">
        <div className="flex flex-wrap items-end gap-3">
          <h2 id="run-items-heading" className="text-lg font-semibold">
            Connections
          </h2>
          <label className="text-sm">
            Show{" "}
            <select className="rounded-md border border-slate-300 px-2 py-1" value={items.status ?? ""} onChange={(e) => setItems({ page: 1, status: (e.target.value || undefined) as ItemState | undefined })}>
              <option value="">all</option>
              {Object.entries(STATE_LABELS).map(([state, label]) => (
                <option key={state} value={state}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <RunItemsTable items={data.items} checkDataflows={checkDataflows} />
        <nav aria-label="Pages of items" className="flex items-center gap-3 text-sm">
          <span>
            {countOf(data.itemTotal, "item")} · page {items.page} of {pages}
          </span>
          <Button variant="secondary" disabled={items.page <= 1} onClick={() => setItems((q) => ({ ...q, page: q.page - 1 }))}>
            Previous
          </Button>
          <Button variant="secondary" disabled={items.page >= pages} onClick={() => setItems((q) => ({ ...q, page: q.page + 1 }))}>
            Next
          </Button>
        </nav>
      </section>
    </div>
  );
});
