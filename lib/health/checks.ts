// What "ready" means: every check below passes. A check resolves when its dependency is usable
// and throws otherwise (NotReady with a sentence for the operator, or the dependency's own error,
// which readiness.ts reduces to a safe word). Adding a check is one line in READINESS_CHECKS.
import "server-only";
import { db } from "@/lib/db";
import { assertFlowServiceTokenAvailable } from "@/lib/flow-service/server";
import { jobSystemHealth } from "@/lib/jobs";
import { assertMigrationsApplied } from "./migrations";
import { NotReady } from "./not-ready";

export { NotReady } from "./not-ready";

export type ReadinessCheck = { name: string; run: (signal: AbortSignal) => Promise<void> };

async function databaseReachable(): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}

export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  { name: "database", run: databaseReachable },
  { name: "migrations", run: assertMigrationsApplied },
  { name: "flow_service_token", run: assertFlowServiceTokenAvailable },
  { name: "jobs", run: jobWorkersRunning },
];

/** This instance's job workers are running (they start with the server and retry until they do). */
async function jobWorkersRunning(): Promise<void> {
  const health = jobSystemHealth();
  if (!health.running) throw new NotReady("the job workers of this instance are not running yet");
}
