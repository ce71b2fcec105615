// What "ready" means: every check below passes. A check resolves when its dependency is usable
// and throws otherwise (NotReady with a sentence for the operator, or the dependency's own error,
// which readiness.ts reduces to a safe word). Adding a check is one line in READINESS_CHECKS;
// the job queue (lib/jobs/) adds `{ name: "jobs", run: … }` once its workers exist.
import "server-only";
import { db } from "@/lib/db";
import { assertFlowServiceTokenAvailable } from "@/lib/flow-service/server";
import { assertMigrationsApplied } from "./migrations";

export { NotReady } from "./not-ready";

export type ReadinessCheck = { name: string; run: (signal: AbortSignal) => Promise<void> };

async function databaseReachable(): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}

export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  { name: "database", run: databaseReachable },
  { name: "migrations", run: assertMigrationsApplied },
  { name: "flow_service_token", run: assertFlowServiceTokenAvailable },
];
