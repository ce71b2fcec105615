import { Badge } from "@/components/ui/badge";
import type { InventoryRow } from "@/components/connections/inventory/row";

/** Inventory cell: how many dataflows read through the connection, and how many fail (last sync). */
export function DataflowsCell({ dataflows }: { dataflows: InventoryRow["dataflows"] }) {
  if (!dataflows) return <span className="text-slate-600" title="Not read from Flow Service yet: sync to read it">—</span>;
  if (dataflows.total === 0) return <span className="text-slate-600">none</span>;
  return (
    <span className="inline-flex items-center gap-1" data-testid="dataflows-cell">
      <span>{dataflows.total}</span>
      {dataflows.failing > 0 ? <Badge tone="bad">{dataflows.failing} failing</Badge> : <Badge tone="good">ok</Badge>}
    </span>
  );
}
