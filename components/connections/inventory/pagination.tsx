import { PageLinks, pagePosition } from "@/components/ui/page-links";
import { inventoryHref, type InventoryQuery } from "@/lib/connections/inventory-query";
import { countOf } from "@/lib/format/count";

export function Pagination({ query, total, pages }: { query: InventoryQuery; total: number; pages: number }) {
  return (
    <PageLinks page={query.page} pages={pages} href={(page) => inventoryHref(query, { page })}>
      <span data-testid="inventory-total">
        {countOf(total, "connection")} · {pagePosition(query.page, pages)}
      </span>
    </PageLinks>
  );
}
