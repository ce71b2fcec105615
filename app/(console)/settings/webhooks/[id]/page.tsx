import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { EndpointControls } from "@/components/webhooks/endpoint-controls";
import { EditEndpointForm } from "@/components/webhooks/endpoint-form";
import { RefreshWhileOpen } from "@/components/webhooks/refresh-while-open";
import { FORMAT_LABELS, utc } from "@/components/webhooks/webhook-format";
import { endpointIdSchema, LOCAL_TESTING_NOTE } from "@/lib/alerts/endpoint-schema";
import { DELIVERY_LOG_SIZE, getEndpoint, listDeliveries } from "@/lib/alerts/view";
import { can } from "@/lib/auth/roles";
import { currentUser, requirePageUser } from "@/lib/auth/session";
import { deleteWebhookEndpointAction, rollWebhookSecretAction, sendTestWebhookAction, setWebhookEndpointEnabledAction, updateWebhookEndpointAction } from "../actions";

/** The endpoint, read once per request although the page and its title both ask for it. */
const endpointForPage = cache(getEndpoint);

/** The tab names the endpoint, for a caller who may manage webhooks (the page checks again). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await currentUser();
  const id = endpointIdSchema.safeParse((await params).id);
  if (!user || !can(user.role, "webhooks:manage") || !id.success) return { title: "Webhook endpoint" };
  return { title: (await endpointForPage(id.data))?.name ?? "Webhook endpoint not found" };
}

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageUser("webhooks:manage");
  const id = endpointIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [endpoint, deliveries] = await Promise.all([endpointForPage(id.data), listDeliveries(id.data)]);
  if (!endpoint) notFound();
  const open = deliveries.some((delivery) => ["queued", "sending", "retrying"].includes(delivery.status));
  const facts: [string, React.ReactNode][] = [
    ["Sends to", <><span className="font-mono text-xs">{endpoint.urlDisplay}</span> <span className="text-xs text-slate-600">(the rest of the URL is stored sealed, like a secret)</span></>],
    ["Status", endpoint.enabled ? <Badge tone="good">enabled</Badge> : <Badge>disabled</Badge>],
    ["Payload", FORMAT_LABELS[endpoint.format]],
    ["Registered", `${utc(endpoint.createdAt)} by ${endpoint.createdByEmail}`],
    ["Secret created", `${utc(endpoint.secretCreatedAt)}${endpoint.previousSecretUntil ? `; the previous one also signs until ${utc(endpoint.previousSecretUntil)}` : ""}`],
  ];
  return (
    <>
      <PageHeader title={endpoint.name} description={<Link href="/settings" className="text-blue-800 underline">Back to Settings</Link>} />
      {endpoint.localTesting ? <p className="mb-4 max-w-3xl rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">{LOCAL_TESTING_NOTE}</p> : null}
      <dl className="mb-6 grid max-w-3xl grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-700">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <EndpointControls
        endpoint={{ id: endpoint.id, name: endpoint.name, enabled: endpoint.enabled }}
        actions={{ sendTest: sendTestWebhookAction, setEnabled: setWebhookEndpointEnabledAction, roll: rollWebhookSecretAction, remove: deleteWebhookEndpointAction }}
      />
      <h2 className="mb-2 mt-8 text-lg font-semibold">Delivery log</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-600">
        The last {DELIVERY_LOG_SIZE} deliveries. A failed attempt is retried with a growing delay; a delivery is marked failed when its retries are used up.
      </p>
      <RefreshWhileOpen open={open} />
      <DeliveriesTable deliveries={deliveries} />
      <h2 className="mb-2 mt-8 text-lg font-semibold">Settings</h2>
      <EditEndpointForm endpoint={{ id: endpoint.id, name: endpoint.name, events: endpoint.events, format: endpoint.format }} update={updateWebhookEndpointAction} />
    </>
  );
}
