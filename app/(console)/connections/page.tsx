import Link from "next/link";
import { InventoryFilters } from "@/components/connections/inventory/inventory-filters";
import { InventoryTable } from "@/components/connections/inventory/inventory-table";
import { Pagination } from "@/components/connections/inventory/pagination";
import { toInventoryRow } from "@/components/connections/inventory/row";
import { SortHeader } from "@/components/connections/inventory/sort-header";
import { SyncButton } from "@/components/connections/inventory/sync-button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listInventory } from "@/lib/connections/inventory";
import { parseInventoryQuery } from "@/lib/connections/inventory-query";
import { currentSandbox } from "@/lib/sandbox/current";
import { dataflowsAfterRotationAction, rotateTokenAction, rotateWithStsAction, startRunAction, syncNowAction, syncStatusAction } from "./actions";
import { utcTime } from "@/lib/format/utc";

export const metadata = { title: "Connections" };

export default async function ConnectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("connections:read");
  const sandbox = await currentSandbox();
  const params = await searchParams;
  const query = parseInventoryQuery(params);
  const filterQuery = Object.fromEntries(Object.entries(params).flatMap(([key, value]) => (typeof value === "string" && key !== "page" && key !== "size" ? [[key, value]] : [])));
  const now = new Date();
  const { rows, total, pages, lastSync } = await listInventory(sandbox, query, now);
  const synced = lastSync?.startedAt ?? null;
  const headers = (
    <>
      <SortHeader query={query} column="name" label="Name" />
      <SortHeader query={query} column="platform" label="Platform" />
      <SortHeader query={query} column="authSpecName" label="Auth" />
      <SortHeader query={query} column="bucketName" label="Bucket" />
      <SortHeader query={query} column="folderPath" label="Folder" />
      <SortHeader query={query} column="remoteState" label="State" />
      <SortHeader query={query} column="sessionTokenExpiresAt" label="Token" />
      <SortHeader query={query} column="dataflows" label="Dataflows" />
      <SortHeader query={query} column="lastRotatedAt" label="Rotated" />
      <SortHeader query={query} column="lastSyncedAt" label="Synced" />
      <SortHeader query={query} column="driftDetectedAt" label="Drift" />
    </>
  );
  return (
    <>
      <PageHeader
        title="Connections"
        description={
          <>
            Amazon S3 base connections of sandbox <strong>{sandbox}</strong>. Last synced with Flow Service:{" "}
            <span data-testid="last-synced">{synced ? utcTime(synced) : "never"}</span>.
          </>
        }
        actions={
          <>
            {can(user.role, "connections:sync") ? <SyncButton sync={syncNowAction} status={syncStatusAction} /> : null}
            {can(user.role, "connections:create") ? (
              <Link prefetch={false} href="/connections/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
                New connection
              </Link>
            ) : null}
          </>
        }
      />
      <InventoryFilters query={query} />
      <InventoryTable
        rows={rows.map((row) => toInventoryRow(row, now, query.days))}
        headers={headers}
        canRotate={can(user.role, "connections:rotate")}
        rotate={rotateTokenAction}
        mint={rotateWithStsAction}
        checkDataflows={dataflowsAfterRotationAction}
        startRun={startRunAction}
        filter={{ query: filterQuery, total }}
        now={now.getTime()}
      />
      <Pagination query={query} total={total} pages={pages} />
    </>
  );
}
