// Starting a run from the inventory (a person's selection or filter).
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { AuditActor } from "@/lib/audit/record";
import { createRun } from "./create-run";
import { sealRunCredentials } from "./credentials";
import type { StartRun } from "./schemas";
import { selectConnections } from "./select";

export type StartedRun = { runId: string; total: number; excluded: { reason: string; count: number }[] };

function describeSelection(input: StartRun, excluded: StartedRun["excluded"]) {
  return input.selection.kind === "ids" ? { kind: "ids", count: input.selection.remoteIds.length, excluded } : { kind: "filter", query: input.selection.query, excluded };
}

export async function startRotationRun(sandboxName: string, input: StartRun, actor: AuditActor): Promise<ActionResult<StartedRun>> {
  const selected = await selectConnections(sandboxName, input.mode, input.selection);
  if (!selected.ok) return fail(selected.code, selected.message);
  const runId = await createRun({
    sandboxName,
    mode: input.mode,
    trigger: "bulk",
    selection: describeSelection(input, selected.excluded),
    items: selected.eligible,
    actor,
    sealedCredentials: input.mode === "token" ? sealRunCredentials(input.credentials) : null,
  });
  return ok({ runId, total: selected.eligible.length, excluded: selected.excluded });
}
