import { AuditDetails } from "@/components/audit/audit-details";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTargetCell } from "@/components/audit/audit-target-cell";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { PageLinks, PAST_THE_LAST_PAGE, pagePosition } from "@/components/ui/page-links";
import { TableHead } from "@/components/ui/table-head";
import { auditHref } from "@/lib/audit/href";
import { AUDIT_PAGE_SIZE, auditFilterSchema, listAuditEvents } from "@/lib/audit/query";
import { auditTarget } from "@/lib/audit/target";
import { requirePageUser } from "@/lib/auth/session";
import { countOf } from "@/lib/format/count";
import { utcClock } from "@/lib/format/utc";
import { availableSandboxes, currentSandbox } from "@/lib/sandbox/current";

export const metadata = { title: "Audit log" };

const OUTCOME_TONE = { success: "good", failure: "bad", conflict: "warn" } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("audit:read");
  const filter = auditFilterSchema.parse(await searchParams);
  const [{ events, total, actions }, sandbox] = await Promise.all([listAuditEvents(filter), currentSandbox()]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  return (
    <>
      <PageHeader title="Audit log" description="Every change made through the console, with the Flow Service request id that carried it. Entries are never edited or removed." />
      <AuditFilters filter={filter} actions={actions} sandboxes={availableSandboxes()} />
      <DataTable caption="Audit events, newest first">
        <TableHead columns={["Time (UTC)", "Actor", "Action", "Sandbox", "Target", "Outcome", "Request id", "Details"]} roomy />
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={8} className="px-4 py-6 text-center text-slate-600">
                {total > 0 ? PAST_THE_LAST_PAGE : "No audit events match."}
              </td>
            </tr>
          ) : (
            events.map((event) => (
              <tr key={event.id} className="border-t border-slate-100">
                <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{utcClock(event.occurredAt)}</td>
                <td className="px-4 py-2">{event.actorEmail}</td>
                <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
                <td className="px-4 py-2 font-mono text-xs">{event.sandboxName ?? "—"}</td>
                <td className="px-4 py-2">
                  <AuditTargetCell target={auditTarget(event, sandbox)} />
                </td>
                <td className="px-4 py-2">
                  <Badge tone={OUTCOME_TONE[event.outcome]}>{event.outcome}</Badge>
                </td>
                <td className="px-4 py-2 font-mono text-xs">{event.requestId ?? "—"}</td>
                <td className="px-4 py-2">
                  <AuditDetails details={event.details} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </DataTable>
      <PageLinks page={filter.page} pages={pages} href={(page) => auditHref(filter, page)}>
        <span data-testid="audit-total">
          {countOf(total, "event")} · {pagePosition(filter.page, pages)}
        </span>
      </PageLinks>
    </>
  );
}
