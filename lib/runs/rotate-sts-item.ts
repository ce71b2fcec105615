// An STS run's item (bulk or automatic): the four-step rotation, its steps kept on the item so a
// retry resumes after the last completed one. A final failure records the connection's rotation
// state and raises an alert: "needs attention" when a person must act, "failed" otherwise.
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { JobContext } from "@/lib/jobs";
import { parseSteps, record, type StepRecord } from "@/lib/rotation/steps";
import { rotateWithStsSteps, type RotationTrigger } from "@/lib/rotation/sts-rotation";
import { finishItem } from "./finish";
import { runActor, type RunItem } from "./item";
import { settleFailure } from "./item-failure";
import { afterFinalFailure } from "./sts-failure";
import type { ItemState } from "./schemas";

export async function rotateStsItem(item: RunItem, job: JobContext): Promise<ItemState> {
  let steps: StepRecord[] = parseSteps(item.steps);
  const saveSteps = async (next: StepRecord[]) => {
    steps = next;
    await db.rotationRunItem.update({ where: { id: item.id }, data: { steps: next } });
  };
  const outcome = await rotateWithStsSteps({
    sandboxName: item.run.sandboxName,
    remoteId: item.remoteId,
    actor: runActor(item),
    trigger: item.run.trigger as RotationTrigger,
    runId: item.runId,
    previous: steps,
    onStep: saveSteps,
    patch: {
      beforePatch: async (etag, expiresAt) => {
        await db.rotationRunItem.update({ where: { id: item.id }, data: { patchedFrom: etag, patchedExpiry: expiresAt ?? null } });
      },
      // "set" is recorded with the stored result: a crash right after cannot lead to a second PATCH.
      alongside: (rotated) => {
        const next = record(steps, { step: "set", status: "done", requestIds: [rotated.requestId], message: `Patched with If-Match; new etag ${rotated.etag}.` });
        return Prisma.sql`UPDATE "RotationRunItem" SET "patchedFrom" = NULL, "steps" = ${JSON.stringify(next)}::jsonb WHERE "id" = ${item.id}::uuid`;
      },
    },
  });
  if (outcome.ok) {
    // The item's request id is its PATCH's ("set"), as for a token run's item: the call that changed the connection.
    const patchRequestId = outcome.steps.find((step) => step.step === "set")?.requestIds[0] ?? null;
    await finishItem(item.id, "done", { message: outcome.steps.at(-1)?.message ?? "Rotated.", requestId: patchRequestId });
    await db.rotationRunItem.update({ where: { id: item.id }, data: { steps: outcome.steps } });
    return "done";
  }
  await saveSteps(outcome.steps);
  const stepError = { ...outcome.error, message: `${outcome.step} step: ${outcome.error.message}` };
  // Throws (for the queue to retry) while a passing failure has attempts left. A final one records
  // the connection's rotation state and its alert before the item's final state (see settleFailure).
  return settleFailure(item, job, stepError, {
    transient: outcome.transient && !outcome.needsAttention,
    beforeFinal: () => afterFinalFailure(item, outcome.step, stepError.message, outcome.needsAttention, stepError.requestId),
  });
}
