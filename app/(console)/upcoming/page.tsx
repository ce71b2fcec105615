import { statusText, statusTone } from "@/components/rotation-policy/status-text";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { TableLink } from "@/components/ui/table-link";
import { connectionPath } from "@/lib/paths";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { listUpcoming, UPCOMING_HOURS, UPCOMING_PAGE_SIZE } from "@/lib/rotation-policy/upcoming";
import { currentSandbox } from "@/lib/sandbox/current";
import { PageLinks, PAST_THE_LAST_PAGE, pagePosition } from "@/components/ui/page-links";
import { TableHead } from "@/components/ui/table-head";
import { utcTime } from "@/lib/format/utc";
import { formatCount } from "@/lib/format/count";

export const metadata = { title: "Next 24 hours" };

function inWords(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const text = minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return ms < 0 ? `${text} ago` : `in ${text}`;
}

export default async function UpcomingPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageUser("connections:read");
  const sandbox = await currentSandbox();
  const page = Math.min(10_000, Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1));
  const now = new Date();
  const { tokens, total, needPerson } = await listUpcoming(sandbox, page, now);
  const pages = Math.max(1, Math.ceil(total / UPCOMING_PAGE_SIZE));
  return (
    <>
      <PageHeader
        title={`Next ${UPCOMING_HOURS} hours`}
        description={
          <>
            Session tokens of sandbox <strong>{sandbox}</strong> that expire in the next {UPCOMING_HOURS} hours (or already have), and whether each will be renewed without anyone
            {total > 0 ? (
              <>
                : <strong data-testid="upcoming-need-person">{formatCount(needPerson)}</strong> of {formatCount(total)} need a person.
              </>
            ) : (
              "."
            )}
          </>
        }
      />
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">{total > 0 ? PAST_THE_LAST_PAGE : `No session token expires in the next ${UPCOMING_HOURS} hours.`}</p>
      ) : (
        <DataTable caption={`Tokens expiring in the next ${UPCOMING_HOURS} hours`}>
          <TableHead columns={["Connection", "Expires", "Renewal"]} />
          <tbody>
            {tokens.map((token) => (
              <tr key={token.remoteId} className={`border-t border-slate-100 ${token.automatic ? "" : "bg-amber-50"}`} data-testid="upcoming-row" data-automatic={token.automatic} data-status={token.status.kind}>
                <td className="px-3 py-2 font-medium">
                  <TableLink href={connectionPath(token.remoteId)}>{token.name}</TableLink>
                </td>
                <td className="px-3 py-2">
                  {utcTime(token.expiresAt, "minute")}{" "}
                  <span className={token.expired ? "font-medium text-red-800" : "text-slate-600"}>({token.expired ? `expired ${inWords(Date.parse(token.expiresAt) - now.getTime())}` : inWords(Date.parse(token.expiresAt) - now.getTime())})</span>
                </td>
                <td className="px-3 py-2">
                  <Badge tone={statusTone(token.status)}>{statusText(token.status)}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {pages > 1 || page > pages ? (
        <PageLinks page={page} pages={pages} href={(target) => `/upcoming?page=${target}`}>
          <span>{pagePosition(page, pages)}</span>
        </PageLinks>
      ) : null}
    </>
  );
}
