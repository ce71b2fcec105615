/**
 * An audit event's details (a sync's figures, a rotation's fields and expiry, a failure's error
 * name), folded so the table stays one line an event. They were sanitised when written
 * (lib/audit/sanitize.ts drops every secret-looking key), so they are shown as stored.
 */
export function AuditDetails({ details }: { details: unknown }) {
  if (details === null || details === undefined || (typeof details === "object" && Object.keys(details).length === 0)) return <span className="text-slate-500">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-blue-800 underline">
        Show<span className="sr-only"> details</span>
      </summary>
      <pre className="mt-1 w-96 whitespace-pre-wrap break-words font-mono text-xs">{JSON.stringify(details, null, 2)}</pre>
    </details>
  );
}
