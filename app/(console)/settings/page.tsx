import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";

export const metadata = { title: "Settings" };

function databaseLabel(url: string): string {
  const parsed = new URL(url);
  // Host and database only: the URL may carry a password.
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

export default async function SettingsPage() {
  await requirePageUser("settings:read");
  const env = serverEnv();
  const users = await db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true, createdAt: true } });
  const rows: [string, string][] = [
    ["Flow Service URL", env.FLOW_SERVICE_URL],
    ["IMS token URL", env.ADOBE_IMS_URL],
    ["Organization id", env.ADOBE_ORG_ID],
    ["Client id", env.ADOBE_CLIENT_ID],
    ["Sandboxes", env.CONSOLE_SANDBOXES.join(", ")],
    ["S3 endpoint", env.S3_ENDPOINT ?? "AWS (regional endpoints)"],
    ["Outbound allowlist", env.OUTBOUND_ALLOW?.split(",").map((entry) => entry.trim()).filter(Boolean).join(", ") || "none (public https addresses only)"],
    ["Database", databaseLabel(env.DATABASE_URL)],
  ];
  return (
    <>
      <PageHeader title="Settings" description="Read-only view of this console's configuration. Secrets are never shown; change values through environment variables (see the README)." />
      <dl className="grid max-w-3xl grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="break-all font-mono text-xs leading-5">{value}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mb-2 mt-8 text-lg font-semibold">Users</h2>
      <table className="min-w-full max-w-3xl rounded-lg border border-slate-200 bg-white text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Email</th>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Role</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-t border-slate-100">
              <td className="px-4 py-2">{user.email}</td>
              <td className="px-4 py-2">{user.name}</td>
              <td className="px-4 py-2">{user.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
