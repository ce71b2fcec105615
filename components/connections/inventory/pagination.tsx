import Link from "next/link";
import { inventoryHref, type InventoryQuery } from "@/lib/connections/inventory-query";

export function Pagination({ query, total, pages }: { query: InventoryQuery; total: number; pages: number }) {
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100";
  return (
    <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm text-slate-700">
      <span data-testid="inventory-total">
        {total} connection{total === 1 ? "" : "s"} · page {Math.min(query.page, pages)} of {pages}
      </span>
      {query.page > 1 ? (
        <Link className={link} href={inventoryHref(query, { page: query.page - 1 })}>
          Previous
        </Link>
      ) : null}
      {query.page < pages ? (
        <Link className={link} href={inventoryHref(query, { page: query.page + 1 })}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
