"use client";

import dynamic from "next/dynamic";
import { Fragment, useState, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { TableLink } from "@/components/ui/table-link";
import { PAST_THE_LAST_PAGE } from "@/components/ui/page-links";
import { connectionPath } from "@/lib/paths";
import type { RotateAction } from "@/components/connections/rotation/rotate-form";
import type { StartRunAction } from "@/components/runs/start-run-dialog";
import { DataflowsCell } from "@/components/dataflows/dataflows-cell";
import type { DataflowsAfterRotationAction } from "@/components/dataflows/rotation-dataflow-check";
import { RotateNowButton, type MintAction } from "@/components/connections/rotation/rotate-now-button";
import { relative, type InventoryRow } from "./row";
import { NoneKnownNote, readsNoneKnown, TokenCell } from "./token-cell";
import { countOf, formatCount } from "@/lib/format/count";

// The rotation forms (and the form and validation libraries they bring) load when a user opens
// one, not with the table: most visits only read the inventory.
const RotateForm = dynamic(() => import("@/components/connections/rotation/rotate-form").then((m) => m.RotateForm), { loading: () => <p role="status">Loading…</p> });
const RotationDataflowCheck = dynamic(() => import("@/components/dataflows/rotation-dataflow-check").then((m) => m.RotationDataflowCheck), { loading: () => <p role="status">Loading…</p> });
const StartRunDialog = dynamic(() => import("@/components/runs/start-run-dialog").then((m) => m.StartRunDialog), { loading: () => <p role="status">Loading…</p> });

function StateBadge({ row }: { row: InventoryRow }) {
  if (row.missing) return <Badge tone="bad">missing</Badge>;
  return <Badge tone={row.remoteState === "enabled" ? "good" : "neutral"}>{row.remoteState ?? "unknown"}</Badge>;
}

/** The table body is a client component only for selection and the inline rotation panels. */
type InventoryTableProps = {
  rows: InventoryRow[];
  headers: ReactNode;
  canRotate: boolean;
  rotate: RotateAction;
  mint: MintAction;
  checkDataflows: DataflowsAfterRotationAction;
  startRun: StartRunAction;
  /** The view's search parameters and row count: "Rotate all matching" runs over this filter. */
  filter: { query: Record<string, string>; total: number };
  now: number;
};

export function InventoryTable({ rows, headers, canRotate, rotate, mint, checkDataflows, startRun, filter, now }: InventoryTableProps) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string>();
  const [bulk, setBulk] = useState<"selected" | "filter">();
  // Rows rotated from here, with a rotation counter: each shows how its dataflows fared after.
  const [rotated, setRotated] = useState<Map<string, number>>(new Map());
  const markRotated = (id: string) => setRotated((m) => new Map(m).set(id, (m.get(id) ?? 0) + 1));
  const unmark = (id: string) => setRotated((m) => new Map([...m].filter(([key]) => key !== id)));
  const rotatable = rows.filter((r) => r.platform === "azure" && !r.missing);
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const targets = rows.filter((r) => selected.has(r.remoteId)).map((r) => ({ remoteId: r.remoteId, name: r.name }));
  // Eleven data columns, and for a user who may rotate a selection box before them and a column
  // of row actions after them.
  const columns = canRotate ? 13 : 11;

  return (
    <>
      {canRotate ? (
        <div className="mb-2 flex items-center gap-2 text-sm">
          <Button variant="secondary" disabled={targets.length === 0} onClick={() => setBulk("selected")}>
            Rotate selected ({targets.length})
          </Button>
          <Button variant="ghost" onClick={() => setSelected(new Set(rotatable.map((r) => r.remoteId)))} disabled={rotatable.length === 0}>
            Select all on this page
          </Button>
          <Button variant="ghost" onClick={() => setBulk("filter")} disabled={filter.total === 0}>
            Rotate all {formatCount(filter.total)} matching…
          </Button>
        </div>
      ) : null}
      {bulk === "selected" && targets.length ? (
        <StartRunDialog
          title={`Rotate ${countOf(targets.length, "selected connection")}`}
          selection={{ kind: "ids", remoteIds: targets.map((t) => t.remoteId) }}
          start={startRun}
          onClose={() => setBulk(undefined)}
        />
      ) : null}
      {bulk === "filter" ? (
        <StartRunDialog title={`Rotate all ${formatCount(filter.total)} connections matching this view`} selection={{ kind: "filter", query: filter.query }} start={startRun} onClose={() => setBulk(undefined)} />
      ) : null}
      <DataTable caption="S3 connections of this sandbox">
        {/* Cells are padded px-2, not the console's px-3: thirteen columns then fit beside the
            sidebar on a 1,400-pixel-wide window without scrolling to reach a row's actions. */}
        <thead className="bg-slate-50 text-xs uppercase text-slate-600 [&_th]:px-2 [&_th]:py-2">
          <tr>
            {canRotate ? <th scope="col"><span className="sr-only">Select</span></th> : null}
            {headers}
            {canRotate ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        {/* Padding and borders are set once here rather than on each of the 600 cells: the page's
            HTML is that much smaller (see bench/HISTORY.md, before the run of 2026-11-30, 17:39). */}
        <tbody className="[&>tr]:border-t [&>tr]:border-slate-100 [&_td]:px-2 [&_td]:py-2">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns} className="text-center text-slate-600">
                <p className="py-4">{filter.total > 0 ? PAST_THE_LAST_PAGE : "No connections match this view."}</p>
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <Fragment key={row.remoteId}>
                <tr className={row.token === "expired" ? "bg-red-50" : row.token === "expiring" ? "bg-amber-50" : undefined} data-testid="inventory-row">
                  {canRotate ? (
                    <td>
                      {row.platform === "azure" && !row.missing ? <input type="checkbox" aria-label={`Select ${row.name}`} checked={selected.has(row.remoteId)} onChange={() => toggle(row.remoteId)} /> : null}
                    </td>
                  ) : null}
                  <td className="font-medium">
                    <TableLink href={connectionPath(row.remoteId)}>{row.name}</TableLink>
                  </td>
                  <td>{row.platform === "aws" ? "AWS" : "Azure"}</td>
                  <td>{row.authSpecName}</td>
                  <td className="font-mono text-xs">{row.bucketName ?? "—"}</td>
                  <td className="font-mono text-xs">{row.folderPath ?? "—"}</td>
                  <td><StateBadge row={row} /></td>
                  <td><TokenCell row={row} now={now} /></td>
                  <td><DataflowsCell dataflows={row.dataflows} /></td>
                  <td>{relative(row.lastRotatedAt, now)}</td>
                  <td>{relative(row.lastSyncedAt, now)}</td>
                  <td>{row.drift ? <Badge tone="warn">drift</Badge> : null}</td>
                  {canRotate ? (
                    <td className="[&_button]:whitespace-nowrap">
                      {row.platform === "azure" && !row.missing ? (
                        <Button variant="ghost" size="sm" aria-expanded={open === row.remoteId} onClick={() => setOpen(open === row.remoteId ? undefined : row.remoteId)}>
                          Rotate<span className="sr-only"> {row.name}</span>
                        </Button>
                      ) : null}
                      {row.hasRotationSource && !row.missing ? <RotateNowButton remoteId={row.remoteId} name={row.name} mint={mint} onRotated={() => markRotated(row.remoteId)} /> : null}
                    </td>
                  ) : null}
                </tr>
                {open === row.remoteId ? (
                  <tr className="bg-slate-50">
                    <td colSpan={columns}>
                      <RotateForm remoteId={row.remoteId} name={row.name} rotate={rotate} onDone={() => setOpen(undefined)} onRotated={() => markRotated(row.remoteId)} />
                    </td>
                  </tr>
                ) : null}
                {rotated.has(row.remoteId) ? (
                  <tr className="bg-slate-50">
                    <td colSpan={columns}>
                      <RotationDataflowCheck remoteId={row.remoteId} rotation={rotated.get(row.remoteId)} check={checkDataflows} onClose={() => unmark(row.remoteId)} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))
          )}
        </tbody>
      </DataTable>
      {rows.some(readsNoneKnown) ? <NoneKnownNote /> : null}
    </>
  );
}
