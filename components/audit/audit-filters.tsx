import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { AUDIT_OUTCOMES, NO_SANDBOX, type AuditFilter } from "@/lib/audit/query";

/**
 * A plain GET form, as the inventory's: the filter is the URL. The sandbox list is the console's
 * configured sandboxes; one no longer configured stays selectable while a link names it.
 */
export function AuditFilters({ filter, actions, sandboxes }: { filter: AuditFilter; actions: string[]; sandboxes: string[] }) {
  const sandboxOptions = filter.sandbox && filter.sandbox !== NO_SANDBOX && !sandboxes.includes(filter.sandbox) ? [...sandboxes, filter.sandbox] : sandboxes;
  return (
    <form method="get" action="/audit" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter audit events">
      <label className="text-sm">
        <span className="mb-1 block font-medium">Actor</span>
        <Input name="actor" defaultValue={filter.actor} placeholder="email contains…" />
      </label>
      <FilterSelect label="Action" name="action" value={filter.action} any="Any action" options={actions} />
      <FilterSelect label="Sandbox" name="sandbox" value={filter.sandbox} any="Any sandbox" options={[...sandboxOptions, { value: NO_SANDBOX, label: "None (accounts, settings)" }]} />
      <FilterSelect label="Outcome" name="outcome" value={filter.outcome} any="Any outcome" options={AUDIT_OUTCOMES} />
      <label className="text-sm">
        <span className="mb-1 block font-medium">Connection id</span>
        <Input name="connection" defaultValue={filter.connection} placeholder="Flow Service id" />
      </label>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
