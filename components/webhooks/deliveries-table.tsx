import { Badge } from "@/components/ui/badge";
import { EVENT_LABELS } from "@/lib/alerts/events";
import type { DeliveryRow } from "@/lib/alerts/view";
import { DELIVERY_LABELS, DELIVERY_TONES, utc } from "./webhook-format";
import { TableHead } from "@/components/ui/table-head";

/** An endpoint's delivery log, newest first. Response bodies are never read, so never shown. */
export function DeliveriesTable({ deliveries }: { deliveries: DeliveryRow[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">Nothing sent yet. “Send test event” checks the whole path.</p>;
  return (
    <table className="min-w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
      <caption className="sr-only">Delivery log</caption>
      <TableHead columns={["Event", "Status", "Attempts", "Response", "Time", "Last error"]} />
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id} className="border-t border-slate-100 align-top" data-testid="delivery-row">
            <td className="px-3 py-2">
              <span className="font-medium">{EVENT_LABELS[delivery.eventType] ?? delivery.eventType}</span>
              <span className="block max-w-md text-xs text-slate-600">{delivery.text}</span>
              <span className="block font-mono text-[11px] text-slate-500">{delivery.eventId}</span>
            </td>
            <td className="px-3 py-2">
              <Badge tone={DELIVERY_TONES[delivery.status]}>{DELIVERY_LABELS[delivery.status]}</Badge>
            </td>
            <td className="px-3 py-2">{delivery.attempts}</td>
            <td className="px-3 py-2 font-mono">{delivery.responseStatus ?? "—"}</td>
            <td className="px-3 py-2 text-xs">
              {utc(delivery.lastAttemptAt ?? delivery.createdAt)}
            </td>
            <td className="px-3 py-2 text-xs text-slate-700">{delivery.lastError ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
