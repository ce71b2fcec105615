import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { AUDIT_OUTCOMES, NO_SANDBOX, type AuditFilter } from "@/lib/audit/query";

const SELECT = "block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

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
      <label className="text-sm">
        <span className="mb-1 block font-medium">Action</span>
        <select name="action" defaultValue={filter.action ?? ""} className={SELECT}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Sandbox</span>
        <select name="sandbox" defaultValue={filter.sandbox ?? ""} className={SELECT}>
          <option value="">Any sandbox</option>
          {sandboxOptions.map((sandbox) => (
            <option key={sandbox} value={sandbox}>
              {sandbox}
            </option>
          ))}
          <option value={NO_SANDBOX}>None (accounts, settings)</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium">Outcome</span>
        <select name="outcome" defaultValue={filter.outcome ?? ""} className={SELECT}>
          <option value="">Any outcome</option>
          {AUDIT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </label>
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
