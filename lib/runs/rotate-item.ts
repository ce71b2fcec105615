// One item of a rotation run, as the `rotate-connection` job carries it out. Safe to run again at
// any point (a retry, a job whose instance was killed, two instances racing for it):
//  - the sandbox slot and the connection lock make it the only rotation of that connection;
//  - a finished item is never redone;
//  - before its PATCH an attempt records the etag it patches from, so the attempt that follows a
//    crash first asks Flow Service whether that PATCH landed, and confirms it instead of patching
//    again (which would rotate twice, or meet a 412 caused by the console itself).
import "server-only";
import { serverEnv } from "@/lib/env";
import { waitForSandbox } from "@/lib/flow-service/shared-throttle";
import { lockPoolSize, withRotationLocks, type InSlot, type JobContext, type Payload } from "@/lib/jobs";
import { confirmEarlierPatch } from "./confirm-patch";
import { finishItem, finalizeRun } from "./finish";
import { loadItem, loadLockTarget, startAttempt, type RunItem } from "./item";
import { rotateStsItem } from "./rotate-sts-item";
import { rotateTokenItem } from "./rotate-token-item";
import { FINISHED_ITEM_STATES, type ItemState } from "./schemas";

function isFinished(status: string): boolean {
  return (FINISHED_ITEM_STATES as readonly string[]).includes(status);
}

export async function rotateRunItem(payload: Payload<"rotate-connection">, job: JobContext): Promise<object> {
  const first = await loadLockTarget(payload.itemId);
  if (!first || first.runId !== payload.runId) return { skipped: "no such item" };
  if (isFinished(first.status)) return { skipped: first.status };
  const env = serverEnv();
  return withRotationLocks(
    {
      connectionString: env.DATABASE_URL,
      sandbox: first.sandboxName,
      // A worker takes any free slot of the sandbox, or waits for its own (two local workers share each).
      slots: env.ROTATION_CONCURRENCY,
      slot: job.workerIndex % env.ROTATION_CONCURRENCY,
      connectionKey: first.connectionKey,
      poolSize: lockPoolSize(env.ROTATION_CONCURRENCY),
    },
    (inSlot) => rotateLocked(payload.itemId, job, inSlot),
  );
}

async function rotateLocked(itemId: string, job: JobContext, inSlot: InSlot): Promise<object> {
  // Read again under the locks: another attempt may have finished it while this one waited.
  const item = await loadItem(itemId);
  if (!item || isFinished(item.status)) return { skipped: item?.status ?? "gone" };
  let current: RunItem = item;
  if (item.patchedFrom !== null) {
    // The previous attempt sent (or was about to send) a PATCH and never recorded the outcome.
    const earlier = await inSlot(() => confirmEarlierPatch(item, item.run));
    if (earlier === "applied" && item.run.mode !== "sts") return finalizeAfter(item, "done");
    // An STS rotation goes on with its test and finish steps.
    if (earlier === "applied") current = (await loadItem(itemId))!;
  }
  if (current.run.status === "cancelled" && current.patchedFrom === null && !hasSetStep(current)) {
    await finishItem(current.id, "cancelled", { message: "Cancelled before it started." });
    return finalizeAfter(current, "cancelled");
  }
  await waitForSandbox(current.run.sandboxName);
  // A token item starts its attempt itself, with the etag it patches from (startAttempt). An STS
  // rotation calls STS and Flow Service in each of its steps: it holds the slot throughout.
  let state: ItemState;
  if (current.run.mode === "sts") {
    await startAttempt(current.id);
    state = await inSlot(() => rotateStsItem(current, job));
  } else state = await rotateTokenItem(current, job, inSlot);
  return finalizeAfter(current, state);
}

function hasSetStep(item: RunItem): boolean {
  return Array.isArray(item.steps) && (item.steps as { step?: string; status?: string }[]).some((step) => step.step === "set" && step.status === "done");
}

async function finalizeAfter(item: RunItem, state: string): Promise<object> {
  await finalizeRun(item.runId);
  return { itemId: item.id, remoteId: item.remoteId, state };
}
