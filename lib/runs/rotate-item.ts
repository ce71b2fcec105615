// One item of a rotation run, as the `rotate-connection` job carries it out. Safe to run again at
// any point (a retry, a job whose instance was killed, two instances racing for it):
//  - the sandbox slot and the connection lock make it the only rotation of that connection;
//  - a finished item is never redone;
//  - before its PATCH an attempt records the etag it patches from, so the attempt that follows a
//    crash first asks Flow Service whether that PATCH landed, and confirms it instead of patching
//    again (which would rotate twice, or meet a 412 caused by the console itself).
import "server-only";
import type { ActionResult } from "@/lib/actions/result";
import { rotateWithSts } from "@/lib/connections/rotate-with-sts";
import { patchCredentials, type Rotated } from "@/lib/connections/rotate-token";
import { parseTokenExpiry } from "@/lib/connections/schemas";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { waitForSandbox } from "@/lib/flow-service/shared-throttle";
import { RETRY_LIMITS, withRotationLocks, type JobContext, type Payload } from "@/lib/jobs";
import type { Prisma } from "@/lib/generated/prisma/client";
import { confirmEarlierPatch } from "./confirm-patch";
import { openRunCredentials } from "./credentials";
import { finishItem, finalizeRun } from "./finish";
import { FINISHED_ITEM_STATES, type ItemState } from "./schemas";

/** Failures that say nothing about the connection: the queue tries the item again later. */
const TRANSIENT = new Set(["network", "timeout", "unavailable", "rate_limited", "sts_unavailable", "internal"]);

type Item = Prisma.RotationRunItemGetPayload<{ include: { run: true } }>;

async function load(itemId: string): Promise<Item | null> {
  return db.rotationRunItem.findUnique({ where: { id: itemId }, include: { run: true } });
}

function isFinished(status: string): boolean {
  return (FINISHED_ITEM_STATES as readonly string[]).includes(status);
}

export async function rotateRunItem(payload: Payload<"rotate-connection">, job: JobContext): Promise<object> {
  const first = await load(payload.itemId);
  if (!first || first.runId !== payload.runId) return { skipped: "no such item" };
  if (isFinished(first.status)) return { skipped: first.status };
  const env = serverEnv();
  return withRotationLocks(
    {
      connectionString: env.DATABASE_URL,
      sandbox: first.run.sandboxName,
      // Each local worker owns one slot; the same slot on another instance is its only competitor.
      slot: job.workerIndex % env.ROTATION_CONCURRENCY,
      connectionKey: first.connectionId ?? first.remoteId,
      poolSize: env.ROTATION_CONCURRENCY + 1,
    },
    () => rotateLocked(payload.itemId, job),
  );
}

async function rotateLocked(itemId: string, job: JobContext): Promise<object> {
  // Read again under the locks: another attempt may have finished it while this one waited.
  const item = await load(itemId);
  if (!item || isFinished(item.status)) return { skipped: item?.status ?? "gone" };
  const { run } = item;
  const resumed = item.patchedFrom !== null;

  if (resumed) {
    // The previous attempt sent (or was about to send) a PATCH and never recorded the outcome.
    const earlier = await confirmEarlierPatch(item, run);
    if (earlier === "applied") return finalizeAfter(item, "done");
  }
  if (run.status === "cancelled") {
    await finishItem(item.id, "cancelled", { message: "Cancelled before it started." });
    return finalizeAfter(item, "cancelled");
  }

  await waitForSandbox(run.sandboxName);
  await db.rotationRunItem.update({ where: { id: item.id }, data: { status: "running", attempts: { increment: 1 }, startedAt: new Date(), patchedFrom: null, patchedExpiry: null } });

  const result = await rotate(item);
  if (result.ok) return finalizeAfter(item, "done");
  const { error } = result;
  if (TRANSIENT.has(error.code) && job.retryCount < RETRY_LIMITS["rotate-connection"]) {
    await db.rotationRunItem.update({ where: { id: item.id }, data: { status: "waiting", errorCode: error.code, message: `Attempt ${job.retryCount + 1} failed: ${error.message} It will be retried.`, requestId: error.requestId ?? null } });
    // Thrown so the queue schedules the retry with its backoff.
    throw new Error(`transient failure (${error.code}); retrying`);
  }
  const state: ItemState = error.code === "conflict" ? "conflict" : "failed";
  await finishItem(item.id, state, { errorCode: error.code, message: error.message, requestId: error.requestId ?? null });
  return finalizeAfter(item, state);
}

/** The rotation itself, with the run's mode; the item is marked done in the same transaction as the stored result. */
async function rotate(item: Item): Promise<ActionResult<Rotated>> {
  const { run } = item;
  const actor = { id: run.createdById, email: run.createdByEmail };
  const options = {
    details: { runId: run.id },
    beforePatch: async (etag: string, expiresAt: Date | undefined) => {
      await db.rotationRunItem.update({ where: { id: item.id }, data: { patchedFrom: etag, patchedExpiry: expiresAt ?? null } });
    },
    alsoInTransaction: async (tx: Prisma.TransactionClient, rotated: Rotated) => {
      await tx.rotationRunItem.update({ where: { id: item.id }, data: { status: "done", finishedAt: new Date(), patchedFrom: null, errorCode: null, message: `Rotated; new etag ${rotated.etag}.` } });
    },
  };
  if (run.mode === "sts") return rotateWithSts(run.sandboxName, item.remoteId, actor, options);
  const credentials = openRunCredentials(run.sealedCredentials);
  if (!credentials) {
    return { ok: false, error: { code: "credentials", message: "This run's token can no longer be read (the run ended, or AUTH_SECRET differs between console instances). Start a new run." } };
  }
  return patchCredentials(
    run.sandboxName,
    item.remoteId,
    { s3SessionToken: credentials.s3SessionToken, s3AccessKey: credentials.s3AccessKey || undefined, s3SecretKey: credentials.s3SecretKey || undefined, expiresAt: parseTokenExpiry(credentials.sessionTokenExpiresAt) },
    actor,
    { ...options, action: "connection.rotate_token" },
  );
}

async function finalizeAfter(item: Item, state: ItemState): Promise<object> {
  await finalizeRun(item.runId);
  return { itemId: item.id, remoteId: item.remoteId, state };
}
