// A token run's item: the run's sealed token applied with one PATCH (If-Match), the attempt started
// in the same statement as the etag it patches from, the item closed in the same statement as the
// stored result and its audit event.
import "server-only";
import { findStoredConnection } from "@/lib/connections/inventory";
import { patchCredentials } from "@/lib/connections/rotate-token";
import { parseTokenExpiry } from "@/lib/connections/schemas";
import { Prisma } from "@/lib/generated/prisma/client";
import type { InSlot, JobContext } from "@/lib/jobs";
import { openRunCredentials } from "./credentials";
import { runActor, startAttempt, type RunItem } from "./item";
import { settleFailure, TRANSIENT_CODES } from "./item-failure";
import type { ItemState } from "./schemas";

/** `inSlot` holds the sandbox slot for the PATCH alone: the item's database work runs beside other items' calls. */
export async function rotateTokenItem(item: RunItem, job: JobContext, inSlot: InSlot): Promise<ItemState> {
  const credentials = openRunCredentials(item.run.sealedCredentials);
  if (!credentials) {
    await startAttempt(item.id);
    const error = { code: "credentials", message: "This run's token can no longer be read (the run ended, or AUTH_SECRET differs between console instances). Start a new run." };
    return settleFailure(item, job, error, { transient: false });
  }
  const expiresAt = parseTokenExpiry(credentials.sessionTokenExpiresAt);
  // The row is read before the attempt starts, so that its start records the etag the PATCH is
  // sent against (patchCredentials patches from this row's etag) in the same statement.
  const stored = await findStoredConnection(item.run.sandboxName, item.remoteId);
  await startAttempt(item.id, stored ? { patchedFrom: stored.etag, patchedExpiry: expiresAt ?? null } : undefined);
  const result = await patchCredentials(
    item.run.sandboxName,
    item.remoteId,
    { s3SessionToken: credentials.s3SessionToken, s3AccessKey: credentials.s3AccessKey || undefined, s3SecretKey: credentials.s3SecretKey || undefined, expiresAt },
    runActor(item),
    {
      action: "connection.rotate_token",
      trigger: item.run.trigger === "automatic" ? "automatic" : "bulk",
      aroundCall: inSlot,
      stored,
      details: { runId: item.runId, trigger: item.run.trigger },
      alongside: (rotated) =>
        Prisma.sql`UPDATE "RotationRunItem" SET "status" = 'done', "finishedAt" = ${new Date()}, "patchedFrom" = NULL, "errorCode" = NULL, "message" = ${`Rotated; new etag ${rotated.etag}.`}, "requestId" = ${rotated.requestId} WHERE "id" = ${item.id}::uuid`,
    },
  );
  if (result.ok) return "done";
  return settleFailure(item, job, result.error, { transient: TRANSIENT_CODES.has(result.error.code) });
}
