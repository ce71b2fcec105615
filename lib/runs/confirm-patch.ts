// After a crash between "PATCH sent" and "result stored", the next attempt asks Flow Service what
// became of it. The PATCH landed when the connection moved on from the etag it was sent against,
// after the attempt started, by this console's own Adobe client, with nothing the console can see
// changed otherwise. It is then recorded (stored etag, expiry, audit) exactly once.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { flowServiceConfigFromEnv } from "@/lib/flow-service/config";
import { flowService } from "@/lib/flow-service/server";
import { describeConflict } from "@/lib/connections/conflict";
import { findStoredConnection } from "@/lib/connections/inventory";
import { parseSteps, record } from "@/lib/rotation/steps";
import type { RunItem } from "./item";

/** Clocks of the console and of Flow Service may differ by this much. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function confirmEarlierPatch(item: RunItem, run: RunItem["run"]): Promise<"applied" | "not-applied"> {
  if (!item.patchedFrom || !item.startedAt) return "not-applied";
  const { connection: remote, requestId } = await flowService().getConnection(item.remoteId, { sandbox: run.sandboxName });
  const stored = await findStoredConnection(run.sandboxName, item.remoteId);
  if (!stored) return "not-applied";
  const moved = remote.etag !== item.patchedFrom;
  const byUs = remote.updatedClient === flowServiceConfigFromEnv(process.env).clientId;
  const after = remote.updatedAt !== undefined && remote.updatedAt >= item.startedAt.getTime() - CLOCK_SKEW_MS;
  const nothingElse = describeConflict(stored, remote).changes.every((change) => change.remote === "changed");
  if (!(moved && byUs && after && nothingElse)) return "not-applied";

  const now = new Date();
  await db.$transaction(async (tx) => {
    // Already stored (the crash came after the commit)? Then it was audited too: only close the item.
    if (stored.etag !== remote.etag) {
      await tx.connection.update({
        where: { id: stored.id },
        data: { etag: remote.etag, remoteEtag: remote.etag, driftDetectedAt: null, sessionTokenSetAt: now, sessionTokenExpiresAt: item.patchedExpiry, lastRotatedAt: now },
      });
      await recordAuditEvent(
        {
          actor: { id: run.createdById, email: run.createdByEmail },
          action: run.mode === "sts" ? "connection.rotate_sts" : "connection.rotate_token",
          targetType: "connection",
          targetId: item.remoteId,
          connectionId: stored.id,
          sandboxName: run.sandboxName,
          outcome: "success",
          requestId,
          details: { name: stored.name, runId: run.id, confirmedAfterInterruption: true, expiresAt: item.patchedExpiry?.toISOString() ?? null },
        },
        tx,
      );
    }
    const message = `Confirmed with Flow Service after an interrupted attempt (etag ${remote.etag}).`;
    // A token rotation is complete; an STS rotation goes on with its test and finish steps.
    const data =
      run.mode === "sts"
        ? { patchedFrom: null, steps: record(parseSteps(item.steps), { step: "set", status: "done", requestIds: [requestId], message }) }
        : { status: "done", finishedAt: now, patchedFrom: null, message: `Rotated; ${message.charAt(0).toLowerCase()}${message.slice(1)}`, requestId };
    await tx.rotationRunItem.update({ where: { id: item.id }, data });
  });
  return "applied";
}
