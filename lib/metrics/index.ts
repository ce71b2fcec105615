// What the rest of the console records. Each helper is one line at its call site and never throws:
// a metric must not change the outcome of what it measures.
import "server-only";
import { metrics, type RotationOutcome, type RotationTrigger, type SignInOutcome } from "./registry";

export { metrics, METRIC_PREFIX, ROTATION_TRIGGERS, type RotationTrigger } from "./registry";

function safely(record: () => void): void {
  try {
    record();
  } catch {
    // ignored on purpose (see above)
  }
}

export function recordRotation(outcome: RotationOutcome, trigger: RotationTrigger): void {
  safely(() => metrics().rotations.inc({ outcome, trigger }));
}

/** One use of a sandbox slot: how long the rotation waited for it, and how long it held it. */
export function recordSlotUse(sandbox: string, waitedMs: number, heldMs: number): void {
  safely(() => {
    const m = metrics();
    m.rotationSlotWait.observe({ sandbox }, waitedMs / 1000);
    m.rotationSlotBusy.inc({ sandbox }, heldMs / 1000);
  });
}

export function recordSignIn(outcome: SignInOutcome, method: "credentials" | "oidc" = "credentials"): void {
  safely(() => metrics().signIns.inc({ method, outcome }));
}

const SYNC_RESULTS = ["seen", "imported", "updated", "drifted", "missing"] as const;
export type SyncCounts = Record<(typeof SYNC_RESULTS)[number], number>;

export function recordSync(sandbox: string, outcome: "success" | "failure", durationMs: number, counts?: SyncCounts): void {
  safely(() => {
    const m = metrics();
    m.syncDuration.observe({ sandbox, outcome }, durationMs / 1000);
    if (counts) for (const result of SYNC_RESULTS) m.syncConnections.inc({ sandbox, result }, counts[result]);
  });
}

/** A page request's wait for its turn at the render gate (lib/render-gate). */
export function recordPageRenderWait(waitedMs: number): void {
  safely(() => metrics().pageRenderWait.observe(waitedMs / 1000));
}

export function recordPageRenderRefused(): void {
  safely(() => metrics().pageRendersRefused.inc());
}

/** The text Prometheus scrapes, and its content type. */
export async function scrape(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
