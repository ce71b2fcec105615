import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { listStoredConnections } from "@/lib/connections/inventory";
import { currentSandbox } from "@/lib/sandbox/current";

export const metadata = { title: "Connections" };

export default async function ConnectionsPage() {
  const user = await requirePageUser("connections:read");
  const sandbox = await currentSandbox();
  const connections = await listStoredConnections(sandbox);
  return (
    <>
      <PageHeader
        title="Connections"
        description={`Amazon S3 base connections of sandbox ${sandbox}.`}
        actions={
          can(user.role, "connections:create") ? (
            <Link href="/connections/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
              New connection
            </Link>
          ) : null
        }
      />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">S3 connections</caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2">Platform</th>
              <th scope="col" className="px-4 py-2">Auth</th>
              <th scope="col" className="px-4 py-2">Bucket</th>
              <th scope="col" className="px-4 py-2">Folder</th>
              <th scope="col" className="px-4 py-2">State</th>
            </tr>
          </thead>
          <tbody>
            {connections.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-4 py-6 text-center text-slate-600">
                  No connections yet in this sandbox.
                </td>
              </tr>
            ) : (
              connections.map((c) => (
                <tr key={c.id} className="border-t border-slate-100">
                  <td className="px-4 py-2 font-medium">
                    <Link className="text-blue-800 underline-offset-2 hover:underline" href={`/connections/${c.remoteId}`}>
                      {c.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2">{c.platform === "aws" ? "AEP on AWS" : "AEP on Azure"}</td>
                  <td className="px-4 py-2">{c.authSpecName}</td>
                  <td className="px-4 py-2 font-mono text-xs">{c.bucketName ?? "—"}</td>
                  <td className="px-4 py-2 font-mono text-xs">{c.folderPath ?? "—"}</td>
                  <td className="px-4 py-2">
                    <Badge tone={c.remoteMissingSince ? "bad" : c.remoteState === "enabled" ? "good" : "neutral"}>{c.remoteMissingSince ? "missing" : (c.remoteState ?? "unknown")}</Badge>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
