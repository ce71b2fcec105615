// The four recorded steps of an STS rotation, after AWS Secrets Manager's create/set/test/finish:
// mint new credentials, set them in Flow Service, test that AEP (not the console) can read with
// them, finish by recording the result. Each step is recorded as it ends, so a retry resumes after
// the last completed one and every page can say which step failed.
import type { ActionError } from "@/lib/actions/result";

export const STEP_NAMES = ["mint", "set", "test", "finish"] as const;
export type StepName = (typeof STEP_NAMES)[number];

export type StepRecord = { step: StepName; status: "done" | "failed"; at: string; requestIds: string[]; message: string };

export type RotationOutcome =
  | { ok: true; steps: StepRecord[]; etag: string; expiresAt: string | null }
  | {
      ok: false;
      steps: StepRecord[];
      step: StepName;
      error: ActionError;
      /** Trying again later may succeed (network, throttling, a test that may pass in a moment). */
      transient: boolean;
      /** A person must act (credentials changed elsewhere, a role the console may not assume). */
      needsAttention: boolean;
    };

export function isDone(steps: readonly StepRecord[], step: StepName): boolean {
  return steps.some((record) => record.step === step && record.status === "done");
}

export function record(steps: readonly StepRecord[], entry: Omit<StepRecord, "at">): StepRecord[] {
  // A step recorded again (a retry) replaces its earlier record.
  return [...steps.filter((existing) => existing.step !== entry.step), { ...entry, at: new Date().toISOString() }];
}

/** Parses what the database holds (JSON) back into step records, dropping anything malformed. */
export function parseSteps(value: unknown): StepRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter((entry): entry is StepRecord => typeof entry === "object" && entry !== null && (STEP_NAMES as readonly string[]).includes((entry as StepRecord).step) && ((entry as StepRecord).status === "done" || (entry as StepRecord).status === "failed"));
}
