// Closing items and runs. A run is finished when no item is waiting or running; from then on (and
// once a cancelled run has nothing running) its sealed credentials are erased. Written as single
// conditional statements, so two instances finishing the last two items at once agree.
import "server-only";
import { db } from "@/lib/db";
import type { Payload } from "@/lib/jobs";
import { parseSteps } from "@/lib/rotation/steps";
import { UNFINISHED_ITEM_STATES, type FinishedItemState } from "./schemas";
import { afterFinalFailure } from "./sts-failure";

type ItemOutcome = { errorCode?: string | null; message?: string | null; requestId?: string | null };

const UNFINISHED = new Set<string>(UNFINISHED_ITEM_STATES);
const UNFINISHED_LIST: string[] = [...UNFINISHED_ITEM_STATES];

/** Marks an unfinished item finished; a finished one is left as it is. */
export async function finishItem(itemId: string, state: FinishedItemState, outcome: ItemOutcome = {}): Promise<boolean> {
  const updated = await db.rotationRunItem.updateMany({
    where: { id: itemId, status: { in: UNFINISHED_LIST } },
    data: { status: state, finishedAt: new Date(), patchedFrom: null, errorCode: outcome.errorCode ?? null, message: outcome.message ?? null, requestId: outcome.requestId ?? null },
  });
  return updated.count > 0;
}

/**
 * Called after every item: one statement (it runs once per item of a 1,000-item run). A running run
 * with nothing left to do becomes finished; a cancelled one with nothing running keeps its state.
 * Either way its sealed credentials are erased.
 */
export async function finalizeRun(runId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE "RotationRun"
    SET "status" = CASE WHEN "status" = 'running' THEN 'finished' ELSE "status" END,
        "finishedAt" = COALESCE("finishedAt", now()), "sealedCredentials" = NULL
    WHERE "id" = ${runId}::uuid AND (
      ("status" = 'running'
        AND NOT EXISTS (SELECT 1 FROM "RotationRunItem" WHERE "runId" = ${runId}::uuid AND "status" = ANY(${UNFINISHED_LIST})))
      OR ("status" = 'cancelled' AND "sealedCredentials" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "RotationRunItem" WHERE "runId" = ${runId}::uuid AND "status" = 'running')))`;
}

/** A rotate-connection job that used up its retries: its item says so instead of waiting forever. */
export async function giveUpItem(payload: Payload<"rotate-connection-gave-up">): Promise<object> {
  const item = await db.rotationRunItem.findUnique({ where: { id: payload.itemId }, include: { run: true } });
  if (!item) return { skipped: "no such item" };
  const last = item.message ? ` Last error: ${item.message.replace(/ It will be retried\.$/, "")}` : "";
  // The connection's rotation state and its alert first, the item's final state last: a retry after
  // a crash in between finds the item unfinished and repeats both (idempotent, the alert deduplicated).
  if (UNFINISHED.has(item.status) && item.run.mode === "sts") {
    const failedStep = parseSteps(item.steps).findLast((step) => step.status === "failed");
    await afterFinalFailure(item, failedStep?.step ?? "mint", `Gave up after ${item.attempts} attempts.${failedStep ? ` ${failedStep.step} step: ${failedStep.message}` : ""}`, false, failedStep?.requestIds[0]);
  }
  const finished = await finishItem(payload.itemId, "failed", {
    errorCode: item.errorCode ?? "gave_up",
    message: `Gave up after ${item.attempts} attempt${item.attempts === 1 ? "" : "s"}.${last} Use "Retry failed" to try again.`,
  });
  await finalizeRun(payload.runId);
  return { itemId: payload.itemId, finished };
}
