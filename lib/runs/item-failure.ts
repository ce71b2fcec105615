// What an item's failure means: tried again by the queue (a passing failure with attempts left),
// or final (recorded on the item; an STS rotation also records its connection's state and alerts).
import "server-only";
import type { ActionError } from "@/lib/actions/result";
import { db } from "@/lib/db";
import { RETRY_LIMITS, type JobContext } from "@/lib/jobs";
import { finishItem } from "./finish";
import type { RunItem } from "./item";
import type { ItemState } from "./schemas";

/** Failures that say nothing about the connection: the queue tries the item again later. */
export const TRANSIENT_CODES = new Set(["network", "timeout", "unavailable", "rate_limited", "sts_unavailable", "internal", "test_failed"]);

export class RetryLater extends Error {
  constructor(code: string) {
    super(`transient failure (${code}); the queue retries this item`);
    this.name = "RetryLater";
  }
}

/**
 * Throws RetryLater when the queue should try again; otherwise records the final state.
 * `beforeFinal` runs first when the failure is final: the item's final state is written last, so an
 * instance killed in between leaves the item unfinished, and the retry repeats what came before
 * (idempotent) instead of finding the item finished and skipping it.
 */
export async function settleFailure(
  item: RunItem,
  job: JobContext,
  error: ActionError,
  options: { transient: boolean; extra?: Record<string, unknown>; beforeFinal?: () => Promise<void> },
): Promise<ItemState> {
  if (options.transient && job.retryCount < RETRY_LIMITS["rotate-connection"]) {
    await db.rotationRunItem.update({
      where: { id: item.id },
      data: { status: "waiting", errorCode: error.code, message: `Attempt ${job.retryCount + 1} failed: ${error.message} It will be retried.`, requestId: error.requestId ?? null, ...options.extra },
    });
    throw new RetryLater(error.code);
  }
  const state: ItemState = error.code === "conflict" ? "conflict" : "failed";
  await options.beforeFinal?.();
  await finishItem(item.id, state, { errorCode: error.code, message: error.message, requestId: error.requestId ?? null });
  return state;
}
