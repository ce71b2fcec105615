// "Rotate now": the same four steps as an automatic rotation, run while the person waits. It takes
// the connection's lock, so it never runs beside a scheduled or bulk rotation of the same
// connection; it waits for one under way rather than being swallowed by it, and when it cannot
// run it says exactly why.
import "server-only";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { lockPoolSize, LockTimeoutError, withConnectionLock } from "@/lib/jobs";
import { recordRotationFailure } from "@/lib/rotation-policy/state";
import type { StepRecord } from "./steps";
import { rotateWithStsSteps } from "./sts-rotation";

export type RotatedNow = { etag: string; sessionTokenExpiresAt: string | null; steps: StepRecord[] };

/** How long "Rotate now" waits for a rotation of the same connection that is already running. */
const WAIT_FOR_OTHER_ROTATION_MS = 30_000;

export async function rotateNow(sandboxName: string, remoteId: string, actor: AuditActor, options: { expectedEtag?: string; waitMs?: number } = {}): Promise<ActionResult<RotatedNow>> {
  const row = await db.connection.findUnique({ where: { sandboxName_remoteId: { sandboxName, remoteId } }, select: { id: true } });
  if (!row) return fail("not_found", "This connection is not in the inventory of the current sandbox.");
  const env = serverEnv();
  try {
    return await withConnectionLock({ connectionString: env.DATABASE_URL, connectionKey: row.id, poolSize: lockPoolSize(env.ROTATION_CONCURRENCY), waitMs: options.waitMs ?? WAIT_FOR_OTHER_ROTATION_MS }, async () => {
      const outcome = await rotateWithStsSteps({ sandboxName, remoteId, actor, trigger: "manual", expectedEtag: options.expectedEtag });
      if (outcome.ok) return ok({ etag: outcome.etag, sessionTokenExpiresAt: outcome.expiresAt, steps: outcome.steps });
      await recordRotationFailure(row.id, sandboxName, { step: outcome.step, message: outcome.error.message, needsAttention: outcome.needsAttention });
      // Credentials changed elsewhere: the person sees what changed and may apply on the latest version.
      const code = outcome.error.code === "needs_attention" ? "conflict" : outcome.error.code;
      return fail(code, `The ${outcome.step} step failed: ${outcome.error.message}`, { requestId: outcome.error.requestId, conflict: outcome.error.conflict });
    });
  } catch (error) {
    if (error instanceof LockTimeoutError) {
      return fail("busy", "Another rotation of this connection (scheduled or part of a run) has been running for more than 30 seconds. Nothing was sent; try again when it has finished (its result shows on this page).");
    }
    throw error;
  }
}
