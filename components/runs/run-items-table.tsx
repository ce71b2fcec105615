"use client";

import { DataflowCheckToggle } from "@/components/dataflows/dataflow-check-toggle";
import type { DataflowsAfterRotationAction } from "@/components/dataflows/rotation-dataflow-check";
import { Badge } from "@/components/ui/badge";
import type { RunItemView } from "@/lib/runs/view";
import { STATE_TONES, utc } from "./run-format";
import { DataTable } from "@/components/ui/data-table";
import { TableLink } from "@/components/ui/table-link";
import { connectionPath } from "@/lib/paths";
import { TableHead } from "@/components/ui/table-head";

/**
 * One page of a run's items: the connection, where it stands, and what Flow Service said; for a
 * rotated connection, how its dataflows fared since (asked for one row at a time).
 */
export function RunItemsTable({ items, checkDataflows }: { items: RunItemView[]; checkDataflows?: DataflowsAfterRotationAction }) {
  return (
    <DataTable caption="Connections of this run">
      <TableHead columns={["Connection", "Status", "Attempts", "Result", "Request id", "Finished"]} />
      <tbody>
        {items.length === 0 ? (
          <tr>
            <td colSpan={6} className="px-4 py-6 text-center text-slate-600">
              No item in this state.
            </td>
          </tr>
        ) : (
          items.map((item) => (
            <tr key={item.id} className="border-t border-slate-100 align-top" data-testid="run-item" data-state={item.status}>
              <td className="px-3 py-2 font-medium">
                <TableLink href={connectionPath(item.remoteId)}>{item.name}</TableLink>
              </td>
              <td className="px-3 py-2">
                <Badge tone={STATE_TONES[item.status] ?? "neutral"}>{item.status}</Badge>
              </td>
              <td className="px-3 py-2">{item.attempts}</td>
              <td className="max-w-md px-3 py-2 text-slate-700">
                {item.message ?? "—"}
                {item.status === "done" && checkDataflows ? (
                  <div className="mt-1">
                    <DataflowCheckToggle remoteId={item.remoteId} check={checkDataflows} />
                  </div>
                ) : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{item.requestId ?? "—"}</td>
              <td className="px-3 py-2">{utc(item.finishedAt)}</td>
            </tr>
          ))
        )}
      </tbody>
    </DataTable>
  );
}
