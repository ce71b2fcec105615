import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { EndpointsTable } from "@/components/webhooks/endpoints-table";
import { UsersTable, type UserRow } from "@/components/users/users-table";
import { authSignInConfig } from "@/lib/auth/config";
import { requirePageUser } from "@/lib/auth/session";
import { liveSessionCounts } from "@/lib/auth/sessions";
import { listEndpoints } from "@/lib/alerts/view";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { endUserSessionsAction, setUserDisabledAction } from "./actions";
import { setSandboxRotationPolicyAction } from "./rotation-actions";
import { SandboxPolicyForm } from "@/components/rotation-policy/sandbox-policy-form";
import { BUILT_IN_POLICY } from "@/lib/rotation-policy/schemas";
import { currentSandbox } from "@/lib/sandbox/current";

export const metadata = { title: "Settings" };

function databaseLabel(url: string): string {
  const parsed = new URL(url);
  // Host and database only: the URL may carry a password.
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

export default async function SettingsPage() {
  const admin = await requirePageUser("settings:read");
  const sandbox = await currentSandbox();
  const rotationDefault = await db.sandboxRotationDefault.findUnique({ where: { sandboxName: sandbox } });
  const env = serverEnv();
  const signIn = authSignInConfig(env);
  const [accounts, sessions, endpoints] = await Promise.all([
    db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true, disabledAt: true } }),
    liveSessionCounts(),
    listEndpoints(),
  ]);
  const users: UserRow[] = accounts.map((a) => ({ id: a.id, email: a.email, name: a.name, role: a.role, disabled: a.disabledAt !== null, liveSessions: sessions.get(a.id) ?? 0 }));
  const settings: [string, string][] = [
    ["Flow Service URL", env.FLOW_SERVICE_URL],
    ["IMS token URL", env.ADOBE_IMS_URL],
    ["Organization id", env.ADOBE_ORG_ID],
    ["Client id", env.ADOBE_CLIENT_ID],
    ["Sandboxes", env.CONSOLE_SANDBOXES.join(", ")],
    ["S3 endpoint", env.S3_ENDPOINT ?? "AWS (regional endpoints)"],
    ["Outbound allowlist", env.OUTBOUND_ALLOW?.split(",").map((entry) => entry.trim()).filter(Boolean).join(", ") || "none (public https addresses only)"],
    ["Database", databaseLabel(env.DATABASE_URL)],
    ["Single sign-on", signIn.oidc ? `${signIn.oidc.name}: ${signIn.oidc.issuer} (client ${signIn.oidc.clientId})` : "Off (local accounts only)"],
    ["Local accounts", signIn.localAccounts === "on" ? "On" : `Off: break-glass admin ${signIn.breakGlassEmail} only`],
  ];
  return (
    <>
      <PageHeader title="Settings" description="This console's configuration, its users, the sandbox's automatic rotation policy and webhook alerts. The configuration below is read-only: it is set through environment variables (see the README), and secrets are never shown." />
      <dl className="grid max-w-3xl grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {settings.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd className="break-all font-mono text-xs leading-5">{value}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mb-2 mt-8 text-lg font-semibold">Users</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">Ending a user&apos;s sessions signs them out everywhere on their next click; a disabled account cannot sign in until it is enabled again.</p>
      <UsersTable users={users} currentUserId={admin.id} endSessions={endUserSessionsAction} setDisabled={setUserDisabledAction} />
      <h2 className="mb-2 mt-8 text-lg font-semibold">Automatic rotation in sandbox {sandbox}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">
        Connections with a rotation source follow this policy unless their page sets their own. A rotation mints, sets, tests and finishes; rotations of thousands of connections minted together are spread over a few minutes.
      </p>
      <SandboxPolicyForm sandbox={sandbox} current={{ enabled: rotationDefault?.enabled ?? BUILT_IN_POLICY.enabled, thresholdPercent: rotationDefault?.thresholdPercent ?? BUILT_IN_POLICY.thresholdPercent, minLeadMinutes: rotationDefault?.minLeadMinutes ?? BUILT_IN_POLICY.minLeadMinutes }} save={setSandboxRotationPolicyAction} />
      <div className="mb-2 mt-8 flex max-w-5xl flex-wrap items-center justify-between gap-2">
        <h2 id="webhook-alerts" className="scroll-mt-4 text-lg font-semibold">
          Webhook alerts
        </h2>
        <Link href="/settings/webhooks/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          Register endpoint
        </Link>
      </div>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">
        Failed rotations, tokens about to expire or expired, and failed syncs are sent as signed webhooks (JSON, or Slack-compatible) to the endpoints below, each alert once,
        retried while a receiver is down.
      </p>
      <EndpointsTable endpoints={endpoints} />
    </>
  );
}
