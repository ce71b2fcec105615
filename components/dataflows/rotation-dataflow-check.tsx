"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { withQueryScope } from "@/components/ui/query-scope";
import type { ActionResult } from "@/lib/actions/result";
import type { DataflowHealthAfterRotation, FlowAfterRotation, RotationVerdict } from "@/lib/dataflows/after-rotation";
import { utc } from "./format";
import { unwrap } from "./query-error";
import { RunStatusBadge } from "./run-status-badge";

export type DataflowsAfterRotationAction = (remoteId: string) => Promise<ActionResult<DataflowHealthAfterRotation>>;

const SUMMARY: Record<RotationVerdict, [string, "success" | "warning" | "error" | "info"]> = {
  "no-dataflows": ["No enabled dataflow reads through this connection.", "info"],
  healthy: ["Its dataflows were not failing, and none has failed since.", "success"],
  recovered: ["The failing dataflows ran again and succeeded.", "success"],
  waiting: ["The failing dataflows have not run since the rotation yet.", "info"],
  failing: ["A dataflow failed after the rotation: the new credentials may not work.", "error"],
  unknown: ["The dataflows' runs could not be read.", "warning"],
};

function FlowLine({ flow }: { flow: FlowAfterRotation }) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      {flow.url ? (
        <a href={flow.url} target="_blank" rel="noopener noreferrer" className="font-medium underline-offset-2 hover:underline">
          {flow.name}
          <span className="sr-only"> (opens Adobe Experience Platform)</span>
        </a>
      ) : (
        <span className="font-medium">{flow.name}</span>
      )}
      {flow.failingBefore ? <span className="text-xs">was failing;</span> : null}
      {flow.after ? (
        <>
          <span className="text-xs">next run</span>
          <RunStatusBadge status={flow.after.status} />
          <span className="text-xs">{utc(flow.after.at)}</span>
          {flow.after.error ? <span className="text-xs">{flow.after.error.message}</span> : null}
        </>
      ) : flow.checked ? (
        <span className="text-xs">{flow.nextRunAt ? `next run due ${utc(flow.nextRunAt)}` : "no run scheduled"}</span>
      ) : (
        <span className="text-xs">runs could not be read</span>
      )}
    </li>
  );
}

/**
 * Shown under a successful rotation: whether the connection's failing dataflows ran again and
 * how, or when they will; "Check again" asks Flow Service anew, and each name links to AEP.
 */
export const RotationDataflowCheck = withQueryScope(function RotationDataflowCheck({ remoteId, check, onClose, rotation = 0 }: { remoteId: string; check: DataflowsAfterRotationAction; onClose?: () => void; rotation?: number }) {
  const query = useQuery({
    // One cache entry per rotation: a new rotation never shows the previous one's answer.
    queryKey: ["dataflows-after-rotation", remoteId, rotation],
    queryFn: async () => unwrap(await check(remoteId)),
    retry: false,
    staleTime: 0,
  });
  const verdict = query.data?.verdict;
  return (
    <div className="space-y-2" data-testid="rotation-dataflow-check" data-verdict={verdict ?? (query.isError ? "error" : "loading")}>
      {query.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Checking the dataflows that read through it…
        </p>
      ) : query.isError ? (
        <Alert tone="warning" title="Dataflows after the rotation">
          {query.error.message}
        </Alert>
      ) : (
        <Alert tone={SUMMARY[query.data.verdict][1]} title="Dataflows after the rotation">
          <p>{SUMMARY[query.data.verdict][0]}</p>
          {query.data.flows.length > 0 ? <ul className="mt-2 space-y-1">{query.data.flows.map((flow) => <FlowLine key={flow.id} flow={flow} />)}</ul> : null}
          {query.data.problems.map((problem) => (
            <p key={problem} className="mt-1 text-xs">
              {problem}
            </p>
          ))}
        </Alert>
      )}
      <div className="flex gap-2">
        <Button variant="secondary" size="sm" disabled={query.isFetching} onClick={() => void query.refetch()}>
          {query.isFetching ? "Checking…" : "Check again"}
        </Button>
        {onClose ? (
          <Button variant="ghost" size="sm" onClick={onClose}>
            Close
          </Button>
        ) : null}
      </div>
    </div>
  );
});
