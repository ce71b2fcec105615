"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { withQueryScope } from "@/components/ui/query-scope";
import type { ActionResult } from "@/lib/actions/result";
import type { DeleteImpact } from "@/lib/dataflows/delete-impact";
import { unwrap } from "./query-error";

export type DeleteImpactAction = (remoteId: string) => Promise<ActionResult<DeleteImpact>>;

/** In the danger zone: the number and names of the dataflows a delete would stop. */
export const DeleteImpactWarning = withQueryScope(function DeleteImpactWarning({ remoteId, impact }: { remoteId: string; impact: DeleteImpactAction }) {
  const query = useQuery({ queryKey: ["delete-impact", remoteId], queryFn: async () => unwrap(await impact(remoteId)), retry: false });
  if (query.isPending) {
    return (
      <p role="status" className="text-sm text-slate-600">
        Checking which dataflows use this connection…
      </p>
    );
  }
  if (query.isError) {
    return (
      <Alert tone="warning" title="Dataflows not checked">
        {query.error.message} Dataflows that use this connection will stop.
      </Alert>
    );
  }
  const { stopping, names, total, elsewhere } = query.data;
  if (stopping === 0) {
    return (
      <p className="text-sm" data-testid="delete-impact">
        No enabled dataflow reads through this connection{total > 0 ? ` (${total} disabled)` : ""}.
      </p>
    );
  }
  return (
    <Alert tone="warning" title={`Deleting stops ${stopping} dataflow${stopping === 1 ? "" : "s"}`}>
      <ul className="list-disc pl-5" data-testid="delete-impact">
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
        {stopping > names.length ? <li>and {stopping - names.length} more</li> : null}
      </ul>
      {elsewhere > 0 ? <p className="mt-1 text-xs">{elsewhere} source connection(s) of other sandboxes also point at it.</p> : null}
    </Alert>
  );
});
