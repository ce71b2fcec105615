// After an STS rotation's final failure (no attempt left): the connection's rotation state says what
// happened, and one alert is raised (once per item, whatever the number of instances).
import "server-only";
import { raiseAlert } from "@/lib/alerts";
import { db } from "@/lib/db";
import { failedRetryAt } from "@/lib/rotation-policy/retry-window";
import { recordRotationFailure } from "@/lib/rotation-policy/state";
import type { StepName } from "@/lib/rotation/steps";

type FailedItem = { id: string; runId: string; remoteId: string; name: string; connectionId: string | null; run: { sandboxName: string } };

export async function afterFinalFailure(item: FailedItem, step: StepName, message: string, needsAttention: boolean, requestId: string | undefined): Promise<void> {
  if (!item.connectionId) return;
  const connection = await db.connection.findUnique({ where: { id: item.connectionId }, select: { sessionTokenExpiresAt: true } });
  await recordRotationFailure(item.connectionId, item.run.sandboxName, { runId: item.runId, step, message, needsAttention, retryAt: failedRetryAt(connection?.sessionTokenExpiresAt ?? null, new Date()) });
  await raiseAlert({
    type: needsAttention ? "rotation.needs_attention" : "rotation.failed",
    sandbox: item.run.sandboxName,
    connection: { remoteId: item.remoteId, name: item.name },
    step,
    requestId: requestId ?? null,
    message: `${item.name}: ${message}`,
    dedupeKey: `${needsAttention ? "rotation.needs_attention" : "rotation.failed"}:${item.runId}:${item.id}`,
  });
}
