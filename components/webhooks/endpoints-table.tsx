import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TableHead } from "@/components/ui/table-head";
import { LOCAL_TESTING_NOTE } from "@/lib/alerts/endpoint-schema";
import type { EndpointSummary } from "@/lib/alerts/view";
import { DELIVERY_LABELS, DELIVERY_TONES, FORMAT_LABELS, utc } from "./webhook-format";

/** Settings → Webhook alerts: every endpoint, what it receives, and how its last delivery went. */
export function EndpointsTable({ endpoints }: { endpoints: EndpointSummary[] }) {
  if (endpoints.length === 0) return <p className="text-sm text-slate-600">No endpoint yet: alerts are recorded but sent nowhere.</p>;
  return (
    <table className="min-w-full max-w-5xl rounded-lg border border-slate-200 bg-white text-left text-sm">
      <caption className="sr-only">Webhook endpoints</caption>
      <TableHead columns={["Name", "Sends to", "Events", "Payload", "Status", "Last delivery"]} roomy />
      <tbody>
        {endpoints.map((endpoint) => (
          <tr key={endpoint.id} className="border-t border-slate-100" data-testid={`webhook-row-${endpoint.name}`}>
            <td className="px-4 py-2">
              <Link prefetch={false} href={`/settings/webhooks/${endpoint.id}`} className="font-medium text-blue-800 underline">
                {endpoint.name}
              </Link>
            </td>
            <td className="px-4 py-2">
              <span className="font-mono text-xs">{endpoint.urlDisplay}</span>
              {endpoint.localTesting ? (
                <span className="ml-2" title={LOCAL_TESTING_NOTE}>
                  <Badge tone="warn">local testing only</Badge>
                </span>
              ) : null}
            </td>
            <td className="px-4 py-2 font-mono text-xs">{endpoint.events.join(", ")}</td>
            <td className="px-4 py-2">{FORMAT_LABELS[endpoint.format]}</td>
            <td className="px-4 py-2">{endpoint.enabled ? <Badge tone="good">enabled</Badge> : <Badge>disabled</Badge>}</td>
            <td className="px-4 py-2">
              {endpoint.lastDelivery ? (
                <>
                  <Badge tone={DELIVERY_TONES[endpoint.lastDelivery.status]}>{DELIVERY_LABELS[endpoint.lastDelivery.status]}</Badge>{" "}
                  <span className="text-xs text-slate-600">{utc(endpoint.lastDelivery.at)}</span>
                </>
              ) : (
                <span className="text-slate-600">none yet</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
