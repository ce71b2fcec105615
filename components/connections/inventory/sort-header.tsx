import Link from "next/link";
import { inventoryHref, type InventoryQuery, type SortColumn } from "@/lib/connections/inventory-query";

/** A sortable column header of the inventory (its table pads the header cells). */
export function SortHeader({ query, column, label }: { query: InventoryQuery; column: SortColumn; label: string }) {
  const active = query.sort === column;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : "none"}>
      {/* No prefetch: eleven headers would each render the whole inventory again on load. */}
      <Link prefetch={false} href={inventoryHref(query, { sort: column, dir, page: 1 })} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span aria-hidden="true">{active ? (query.dir === "asc" ? "▲" : "▼") : ""}</span>
      </Link>
    </th>
  );
}
