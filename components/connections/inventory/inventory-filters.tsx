import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { PAGE_SIZES, type InventoryQuery } from "@/lib/connections/inventory-query";

const SELECT = "block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/** A plain GET form: the table state is the URL, so views can be shared and survive reload. */
export function InventoryFilters({ query }: { query: InventoryQuery }) {
  return (
    <form method="get" action="/connections" role="search" aria-label="Filter connections" className="mb-4 flex flex-wrap items-end gap-3">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Search</span>
        <Input name="q" defaultValue={query.q} placeholder="name, bucket or id" className="w-56" />
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Platform</span>
        <select name="platform" defaultValue={query.platform ?? ""} className={SELECT}>
          <option value="">Any</option>
          <option value="azure">AEP on Azure</option>
          <option value="aws">AEP on AWS</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Auth</span>
        <select name="auth" defaultValue={query.auth ?? ""} className={SELECT}>
          <option value="">Any</option>
          <option value="Access Key">Access Key</option>
          <option value="IAMRole Based">IAMRole Based</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">State</span>
        <select name="state" defaultValue={query.state ?? ""} className={SELECT}>
          <option value="">Any</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
          <option value="missing">Missing in Flow Service</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Session token</span>
        <select name="token" defaultValue={query.token ?? ""} className={SELECT}>
          <option value="">Any</option>
          <option value="attention">Expired or expiring</option>
          <option value="expiring">Expiring</option>
          <option value="expired">Expired</option>
        </select>
      </label>
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
      <label className="text-sm">
        <span className="mb-1 block font-medium">Rows</span>
        <select name="size" defaultValue={String(query.size)} className={SELECT}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
