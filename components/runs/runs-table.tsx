"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { withQueryScope } from "@/components/ui/query-scope";
import type { ActionResult } from "@/lib/actions/result";
import type { RunSummary } from "@/lib/runs/view";
import { finishedCount, RunCounts } from "./run-counts";
import { modeLabel, selectionLabel, STATE_TONES, utc } from "./run-format";
import { DataTable } from "@/components/ui/data-table";
import { TableLink } from "@/components/ui/table-link";
import { runPath } from "@/lib/paths";
import { TableHead } from "@/components/ui/table-head";
import { formatCount } from "@/lib/format/count";

type RunsPage = { runs: RunSummary[]; total: number };
export type ListRunsAction = (page: number) => Promise<ActionResult<RunsPage>>;

/** The sandbox's runs, newest first; refreshed every two seconds while one is going. */
export const RunsTable = withQueryScope(function RunsTable({ initial, page, list }: { initial: RunsPage; page: number; list: ListRunsAction }) {
  const query = useQuery({
    queryKey: ["runs", page],
    initialData: initial,
    queryFn: async () => {
      const result = await list(page);
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    },
    refetchInterval: (q) => (q.state.data?.runs.some((run) => run.status === "running") ? 2_000 : false),
    // Forgotten as soon as the list leaves the screen: `initialData` only seeds an empty cache, so a
    // copy kept from an earlier visit (fresh for the client's 30 s) would hide the server's newer
    // render, and a run started meanwhile would be missing from the list.
    gcTime: 0,
  });
  const { runs } = query.data;
  if (runs.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No rotation runs yet. Start one from the{" "}
        <Link prefetch={false} href="/connections" className="text-blue-800 underline">
          Connections page
        </Link>
        : select rows, or rotate every connection matching a filter.
      </p>
    );
  }
  return (
    <DataTable caption="Rotation runs of this sandbox">
      <TableHead columns={["Started", "By", "What", "Status", "Progress"]} />
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className="border-t border-slate-100 align-top" data-testid="run-row" data-status={run.status}>
            <td className="px-3 py-2">
              <TableLink href={runPath(run.id)}>{utc(run.createdAt)}</TableLink>
            </td>
            <td className="px-3 py-2">{run.createdByEmail}</td>
            <td className="px-3 py-2">
              {formatCount(run.total)} × {modeLabel(run.mode)}
              <div className="text-xs text-slate-600">{selectionLabel(run.selection)}</div>
            </td>
            <td className="px-3 py-2">
              <Badge tone={STATE_TONES[run.status] ?? "neutral"}>{run.status}</Badge>
            </td>
            <td className="min-w-64 px-3 py-2">
              <progress max={run.total} value={finishedCount(run.counts)} className="h-2 w-full" aria-label={`${finishedCount(run.counts)} of ${run.total} finished`} />
              <RunCounts counts={run.counts} />
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
});
