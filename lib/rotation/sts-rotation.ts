// One STS rotation in four recorded steps: mint (STS AssumeRole with the connection's rotation
// source), set (PATCH with If-Match), test (Flow Service's own connection test and an explore of
// the folder: AEP, not the console, proves it can read), finish (expiry, state, audit with every
// request id). Used by rotation runs (bulk and automatic) and by "Rotate now".
import "server-only";
import type { ActionError } from "@/lib/actions/result";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { findStoredConnection } from "@/lib/connections/inventory";
import type { PatchOptions } from "@/lib/connections/rotate-token";
import { isFlowServiceError } from "@/lib/flow-service/errors";
import { utcTime } from "@/lib/format/utc";
import { flowService } from "@/lib/flow-service/server";
import { defaultSessionName, isTransientStsFailure, mintSessionCredentials, stsConfigFromEnv } from "@/lib/sts";
import { finishStep } from "./finish-step";
import { setStep } from "./set-step";
import { isDone, record, type RotationOutcome, type StepName, type StepRecord } from "./steps";

export type RotationTrigger = "bulk" | "automatic" | "manual";

export type RotationContext = {
  sandboxName: string;
  remoteId: string;
  actor: AuditActor;
  trigger: RotationTrigger;
  runId?: string;
  /** Steps an earlier attempt completed: the rotation resumes after them. */
  previous?: StepRecord[];
  /** Called after each step, so progress survives a crash. */
  onStep?: (steps: StepRecord[]) => Promise<void>;
  /** A person's explicit decision to write over a version they have seen (a resolved conflict). */
  expectedEtag?: string;
  patch?: Pick<PatchOptions, "beforePatch" | "alongside">;
};

const TRANSIENT_KINDS = new Set(["network", "timeout", "unavailable", "rate_limited"]);

function failure(steps: StepRecord[], step: StepName, error: ActionError, flags: { transient: boolean; needsAttention?: boolean }): RotationOutcome {
  return { ok: false, steps: record(steps, { step, status: "failed", requestIds: error.requestId ? [error.requestId] : [], message: error.message }), step, error, transient: flags.transient, needsAttention: flags.needsAttention ?? false };
}

function thrown(steps: StepRecord[], step: StepName, error: unknown): RotationOutcome {
  if (isFlowServiceError(error)) {
    return failure(steps, step, { code: error.kind, message: `Flow Service did not complete the ${step} step: ${error.message}`, requestId: error.requestId }, { transient: TRANSIENT_KINDS.has(error.kind) });
  }
  throw error;
}

/** A test step that failed is on the record, with the request id Flow Service answered with. */
async function auditTestFailure(ctx: RotationContext, connectionId: string, requestId: string, details: Record<string, unknown>): Promise<void> {
  await recordAuditEvent({ actor: ctx.actor, action: "connection.rotation_test", targetType: "connection", targetId: ctx.remoteId, connectionId, sandboxName: ctx.sandboxName, outcome: "failure", requestId, details: { ...details, step: "test" } });
}

export async function rotateWithStsSteps(ctx: RotationContext): Promise<RotationOutcome> {
  let steps = [...(ctx.previous ?? [])];
  const save = async (next: StepRecord[]) => {
    steps = next;
    await ctx.onStep?.(steps);
  };
  const row = await findStoredConnection(ctx.sandboxName, ctx.remoteId);
  if (!row) return failure(steps, "mint", { code: "not_found", message: "This connection is not in the inventory of this sandbox." }, { transient: false });
  if (!row.rotationRoleArn) return failure(steps, "mint", { code: "validation", message: "This connection has no rotation source (an IAM role to assume): give it one, or rotate its token by hand." }, { transient: false, needsAttention: true });
  const details = { runId: ctx.runId ?? null, trigger: ctx.trigger };

  if (!isDone(steps, "set")) {
    const sts = stsConfigFromEnv(process.env);
    const minted = await mintSessionCredentials(
      { roleArn: row.rotationRoleArn, externalId: row.rotationExternalId ?? undefined, durationSeconds: row.rotationDurationSeconds ?? undefined, sessionName: defaultSessionName(row.name) },
      { endpoint: sts.endpoint, region: sts.region },
    );
    if (!minted.ok) {
      const transient = isTransientStsFailure(minted.error.code);
      await recordAuditEvent({ actor: ctx.actor, action: "connection.rotate_sts", targetType: "connection", targetId: row.remoteId, connectionId: row.id, sandboxName: ctx.sandboxName, outcome: "failure", details: { ...details, step: "mint", roleArn: row.rotationRoleArn, stsError: minted.error.code } });
      // A role the console may not assume (or an identity STS refuses) will not fix itself.
      return failure(steps, "mint", { code: transient ? "sts_unavailable" : "sts", message: `${minted.error.message} ${minted.error.fix}` }, { transient, needsAttention: !transient });
    }
    await save(record(steps, { step: "mint", status: "done", requestIds: minted.requestId ? [minted.requestId] : [], message: `Assumed ${row.rotationRoleArn}; the new credentials expire ${utcTime(minted.expiration)}.` }));

    const set = await setStep(
      row,
      { s3AccessKey: minted.accessKeyId, s3SecretKey: minted.secretAccessKey, s3SessionToken: minted.sessionToken, expiresAt: minted.expiration },
      ctx.actor,
      { ...ctx.patch, trigger: ctx.trigger, expectedEtag: ctx.expectedEtag, details: { ...details, roleArn: row.rotationRoleArn, assumedRoleArn: minted.assumedRoleArn ?? null } },
    );
    if (!set.ok) {
      const transient = TRANSIENT_KINDS.has(set.error.code) || set.error.code === "internal";
      return failure(steps, "set", set.error, { transient, needsAttention: set.needsAttention });
    }
    await save(record(steps, { step: "set", status: "done", requestIds: set.requestIds, message: set.reapplied ? `Re-applied on the latest version after a harmless change elsewhere; new etag ${set.rotated.etag}.` : `Patched with If-Match; new etag ${set.rotated.etag}.` }));
  }

  if (!isDone(steps, "test")) {
    try {
      const tested = await flowService().testConnection(ctx.remoteId, { sandbox: ctx.sandboxName });
      if (!tested.result) {
        await auditTestFailure(ctx, row.id, tested.requestId, details);
        return failure(steps, "test", { code: "test_failed", message: "Flow Service's own connection test failed with the new credentials: AEP cannot read the bucket with them. Check the rotation role's S3 permissions.", requestId: tested.requestId }, { transient: true });
      }
      const explored = await flowService().explore(ctx.remoteId, { objectType: "root" }, { sandbox: ctx.sandboxName });
      await save(record(steps, { step: "test", status: "done", requestIds: [tested.requestId, explored.requestId], message: `Flow Service's connection test passed and it listed ${explored.items.length} item${explored.items.length === 1 ? "" : "s"} in the connection's folder.` }));
    } catch (error) {
      if (!isFlowServiceError(error)) throw error;
      await auditTestFailure(ctx, row.id, error.requestId, details);
      // New credentials can take a moment to be honoured everywhere: a refused test is tried again.
      return failure(steps, "test", { code: "test_failed", message: `Flow Service could not read the connection's folder with the new credentials: ${error.message}`, requestId: error.requestId }, { transient: true });
    }
  }

  try {
    const finished = await finishStep(row.id, ctx, steps);
    await save(record(steps, { step: "finish", status: "done", requestIds: [finished.requestId], message: finished.message }));
    return { ok: true, steps, etag: finished.etag, expiresAt: finished.expiresAt };
  } catch (error) {
    return thrown(steps, "finish", error);
  }
}
