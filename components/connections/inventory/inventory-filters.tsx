import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { PAGE_SIZES, type InventoryQuery } from "@/lib/connections/inventory-query";

/** A plain GET form: the table state is the URL, so views can be shared and survive reload. */
export function InventoryFilters({ query }: { query: InventoryQuery }) {
  return (
    <form method="get" action="/connections" role="search" aria-label="Filter connections" className="mb-4 flex flex-wrap items-end gap-3">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Search</span>
        <Input name="q" defaultValue={query.q} placeholder="name, bucket or id" className="w-56" />
      </label>
      <FilterSelect label="Platform" name="platform" value={query.platform} any="Any" options={[{ value: "azure", label: "AEP on Azure" }, { value: "aws", label: "AEP on AWS" }]} />
      <FilterSelect label="Auth" name="auth" value={query.auth} any="Any" options={["Access Key", "IAMRole Based"]} />
      <FilterSelect label="State" name="state" value={query.state} any="Any" options={[{ value: "enabled", label: "Enabled" }, { value: "disabled", label: "Disabled" }, { value: "missing", label: "Missing in Flow Service" }]} />
      <FilterSelect
        label="Session token"
        name="token"
        value={query.token}
        any="Any"
        options={[{ value: "attention", label: "Expired or expiring" }, { value: "expiring", label: "Expiring" }, { value: "expired", label: "Expired" }]}
      />
      <label className="text-sm">
        <span className="mb-1 block font-medium">Within (days)</span>
        <Input name="days" type="number" min={1} max={365} defaultValue={query.days} className="w-24" />
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="drift" value="yes" defaultChecked={query.drift === "yes"} />
        Drift only
      </label>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" name="dataflows" value="failing" defaultChecked={query.dataflows === "failing"} />
        Has failing dataflows
      </label>
      <FilterSelect label="Rows" name="size" value={String(query.size)} options={PAGE_SIZES.map(String)} />
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
