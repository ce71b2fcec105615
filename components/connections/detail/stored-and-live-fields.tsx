import { Suspense } from "react";
import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { TableHead } from "@/components/ui/table-head";
import type { LiveConnection } from "@/lib/connections/detail";
import type { StoredConnection } from "@/lib/connections/inventory";
import type { RemoteConnection } from "@/lib/flow-service/types";
import { givePlaceBackAfterShell } from "@/lib/render-gate/place";

type Stored = Pick<NonNullable<StoredConnection>, "remoteId" | "name" | "authSpecName" | "bucketName" | "folderPath" | "remoteState" | "etag">;

const READING = "Reading…";

/**
 * A connection's fields as stored beside what Flow Service says now. The stored column is on the
 * page at once; the live column, and the warnings it may bring, stream in when Flow Service answers
 * (a slow Flow Service holds this table's live column, not the page, nor the render gate's place).
 */
export function StoredAndLiveFields({ stored, live }: { stored: Stored; live: Promise<LiveConnection> }) {
  return (
    <Suspense fallback={<FieldsTable stored={stored} />}>
      <LiveFields stored={stored} live={live} />
    </Suspense>
  );
}

async function LiveFields({ stored, live }: { stored: Stored; live: Promise<LiveConnection> }) {
  // The wait for Flow Service is idle time: it should not keep other pages of this process waiting.
  givePlaceBackAfterShell();
  const read = await live;
  const drift = read.ok && read.connection.etag !== stored.etag;
  return (
    <>
      {!read.ok ? (
        <div className="mb-4">
          <Alert tone="warning" title="Live fields unavailable">
            {read.error.message}
          </Alert>
        </div>
      ) : null}
      {drift ? (
        <div className="mb-4">
          <Alert tone="warning" title="Changed outside the console">
            Flow Service reports a different etag than the one stored here: someone changed this connection elsewhere.
          </Alert>
        </div>
      ) : null}
      <FieldsTable stored={stored} live={read} />
    </>
  );
}

/** Without `live` the table is the placeholder shown while Flow Service is being read. */
function FieldsTable({ stored, live }: { stored: Stored; live?: LiveConnection }) {
  const remote = (pick: (connection: RemoteConnection) => string) => (live === undefined ? READING : live.ok ? pick(live.connection) : "—");
  const rows: [string, string, string][] = [
    ["Flow Service id", stored.remoteId, remote((c) => c.id)],
    ["Name", stored.name, remote((c) => c.name)],
    ["Auth", stored.authSpecName, remote((c) => c.auth.specName)],
    ["Bucket", stored.bucketName ?? "—", remote((c) => String(c.auth.params.bucketName ?? "—"))],
    ["Folder", stored.folderPath ?? "—", remote((c) => String(c.auth.params.folderPath ?? "—"))],
    ["State", stored.remoteState ?? "—", remote((c) => c.state)],
    ["Etag", stored.etag, remote((c) => c.etag)],
  ];
  return (
    <DataTable caption="Stored and live fields">
      <TableHead columns={["Field", "Stored in the console", "Live in Flow Service"]} roomy />
      <tbody>
        {rows.map(([label, storedValue, liveValue]) => (
          <tr key={label} className="border-t border-slate-100">
            <th scope="row" className="px-4 py-2 font-medium">{label}</th>
            <td className="break-all px-4 py-2 font-mono text-xs">{storedValue}</td>
            <td className={`break-all px-4 py-2 font-mono text-xs${live === undefined ? " text-slate-500" : ""}`}>{liveValue}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
