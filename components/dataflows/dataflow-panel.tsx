"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { withQueryScope } from "@/components/ui/query-scope";
import { TableHead } from "@/components/ui/table-head";
import type { ActionResult } from "@/lib/actions/result";
import type { ConnectionDataflows, DataflowRow } from "@/lib/dataflows/connection-dataflows";
import { primaryRunError } from "@/lib/dataflows/describe";
import { ago, utc } from "./format";
import { ActionQueryError, unwrap } from "./query-error";
import { RunStatusBadge } from "./run-status-badge";

export type ConnectionDataflowsAction = (remoteId: string) => Promise<ActionResult<ConnectionDataflows>>;

function ExternalLink({ href, children }: { href: string | null; children: ReactNode }) {
  if (!href) return <>{children}</>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="text-blue-800 underline-offset-2 hover:underline">
      {children}
      <span className="sr-only"> (opens Adobe Experience Platform)</span>
    </a>
  );
}

function FlowRow({ flow, now }: { flow: DataflowRow; now: number }) {
  const error = primaryRunError(flow.errors);
  const detail = flow.errors.length > 1 ? flow.errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)).join("\n") : null;
  return (
    <tr className={`border-t border-slate-100 align-top ${flow.failing ? "bg-red-50" : ""}`} data-testid="dataflow-row">
      <th scope="row" className="px-3 py-2 text-left font-medium">
        <ExternalLink href={flow.url}>{flow.name}</ExternalLink>
        {flow.sourceName ? <p className="text-xs font-normal text-slate-600">source: {flow.sourceName}</p> : null}
      </th>
      <td className="px-3 py-2">
        <Badge tone={flow.enabled ? "good" : "neutral"}>{flow.state}</Badge>
      </td>
      <td className="px-3 py-2">{flow.schedule}</td>
      <td className="px-3 py-2">
        {flow.lastRun ? (
          <span className="inline-flex flex-col gap-1">
            <span>
              <RunStatusBadge status={flow.lastRun.status} />
            </span>
            <ExternalLink href={flow.lastRunUrl}>
              <span title={utc(flow.lastRun.at)}>{ago(flow.lastRun.at, now)}</span>
            </ExternalLink>
          </span>
        ) : (
          <span className="text-slate-600">no run yet</span>
        )}
      </td>
      <td className="px-3 py-2">
        {flow.failingSince ? (
          <span title={utc(flow.failingSince.at)}>
            {flow.failingSince.atLeast ? "at least since " : ""}
            {utc(flow.failingSince.at)}
          </span>
        ) : flow.failing ? (
          <span className="text-slate-600">unknown</span>
        ) : (
          "—"
        )}
        {flow.nextRunAt ? <p className="text-xs text-slate-600">next run {utc(flow.nextRunAt)}</p> : null}
      </td>
      <td className="max-w-md px-3 py-2 text-xs">
        {error ? (
          <>
            <p className="break-words" data-testid="dataflow-error">
              {error.code ? <code className="font-mono">{error.code}</code> : null} {error.message}
            </p>
            {detail ? (
              <details className="mt-1">
                <summary className="cursor-pointer text-slate-600">All errors</summary>
                <pre className="whitespace-pre-wrap break-words font-mono">{detail}</pre>
              </details>
            ) : null}
          </>
        ) : !flow.runsLoaded ? (
          <span className="text-slate-600">run history not loaded</span>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * The dataflows reading through this connection, read from Flow Service when the page opens and
 * on demand. `version` (the stored etag) changes after a rotation or an edit, which reloads it.
 */
export const DataflowPanel = withQueryScope(function DataflowPanel({ remoteId, version, load }: { remoteId: string; version: string; load: ConnectionDataflowsAction }) {
  const query = useQuery({
    queryKey: ["connection-dataflows", remoteId, version],
    queryFn: async () => unwrap(await load(remoteId)),
    // The action already bounds its Flow Service calls; a second round would only delay the answer.
    retry: false,
  });
  // Relative times are counted from when the server read Flow Service.
  const now = query.data?.checkedAt ?? 0;
  return (
    <section aria-labelledby="dataflows-heading" className="space-y-3">
      <div className="flex items-center gap-3">
        <h2 id="dataflows-heading" className="text-lg font-semibold">
          Dataflows
        </h2>
        <Button variant="secondary" size="sm" disabled={query.isFetching} onClick={() => void query.refetch()}>
          {query.isFetching ? "Refreshing…" : "Refresh"}
        </Button>
        {query.data ? <span className="text-xs text-slate-600">read {utc(query.data.checkedAt)}</span> : null}
      </div>
      {query.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Reading the dataflows from Flow Service…
        </p>
      ) : query.isError ? (
        <Alert tone="warning" title="Dataflows could not be loaded">
          <p>{query.error.message}</p>
          {query.error instanceof ActionQueryError && query.error.requestId ? (
            <p className="text-xs">
              Request id <code className="font-mono">{query.error.requestId}</code>
            </p>
          ) : null}
        </Alert>
      ) : (
        <>
          <p className="text-sm" data-testid="dataflow-summary">
            {query.data.total === 0
              ? "No dataflow reads through this connection."
              : `${query.data.total} dataflow${query.data.total === 1 ? "" : "s"} read${query.data.total === 1 ? "s" : ""} through this connection; ${query.data.failing} failing.`}
          </p>
          {query.data.problems.length > 0 ? (
            <Alert tone="warning" title="Not everything could be loaded">
              <ul className="list-disc pl-5" data-testid="dataflow-problems">
                {query.data.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {query.data.flows.length > 0 ? (
            <DataTable caption="Dataflows reading through this connection">
              <TableHead columns={["Name", "State", "Schedule", "Last run", "Failing since", "Error"]} />
              <tbody>
                {query.data.flows.map((flow) => (
                  <FlowRow key={flow.id} flow={flow} now={now} />
                ))}
              </tbody>
            </DataTable>
          ) : null}
        </>
      )}
    </section>
  );
});
