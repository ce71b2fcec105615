// Runs the readiness checks side by side, each under a deadline, and reports each one's outcome
// and time. Concurrent requests share one run, so a burst of probes costs one set of queries.
// Failures are described by a fixed sentence (NotReady), the database driver's or Flow Service's
// name for the failure (DatabaseNotReachable, unauthorized) or an error code (ECONNREFUSED): never
// by a message, which could name a host, a user or a secret.
import "server-only";
import { log } from "@/lib/log";
import { READINESS_CHECKS, type ReadinessCheck } from "./checks";
import { NotReady } from "./not-ready";

/** Below the usual probe timeouts (Kubernetes: set timeoutSeconds to 3 or more). */
export const CHECK_TIMEOUT_MS = 2_500;

export type CheckResult = { name: string; status: "pass" | "fail"; durationMs: number; detail?: string };
export type ReadinessReport = { status: "ready" | "not_ready"; time: string; checks: CheckResult[] };

class CheckTimeout extends Error {}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof NotReady) return error.message;
  if (error instanceof CheckTimeout) return `no answer within ${timeoutMs} ms`;
  const fields = error as { kind?: unknown; code?: unknown; cause?: { code?: unknown }; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  // Prisma's driver adapter names the failure (DatabaseNotReachable, AuthenticationFailed...).
  const adapterKind = fields.meta?.driverAdapterError?.cause?.kind;
  if (typeof adapterKind === "string" && /^[A-Za-z]+$/.test(adapterKind)) return adapterKind;
  if (typeof fields.kind === "string" && /^[a-z_]+$/.test(fields.kind)) return fields.kind;
  for (const code of [fields.code, fields.cause?.code]) if (typeof code === "string" && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
  return "failed";
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CheckTimeout());
    }, timeoutMs);
  });
  try {
    await Promise.race([check.run(controller.signal), deadline]);
    return { name: check.name, status: "pass", durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { name: check.name, status: "fail", durationMs: Math.round(performance.now() - started), detail: describeFailure(error, timeoutMs) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(checks: readonly ReadinessCheck[] = READINESS_CHECKS, timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
  return { status: results.every((r) => r.status === "pass") ? "ready" : "not_ready", time: new Date().toISOString(), checks: results };
}

const globalForReadiness = globalThis as unknown as { s3consoleReadiness?: { inflight?: Promise<ReadinessReport>; last?: ReadinessReport["status"] } };
const state = (globalForReadiness.s3consoleReadiness ??= {});

/** The server's readiness, shared by concurrent callers; a change of state is logged once. */
export function currentReadiness(): Promise<ReadinessReport> {
  state.inflight ??= checkReadiness()
    .then((report) => {
      if (report.status !== state.last) {
        const failing = report.checks.filter((c) => c.status === "fail").map((c) => `${c.name}: ${c.detail}`);
        if (report.status === "ready") log.info({ checks: report.checks.map((c) => c.name) }, "ready");
        else log.warn({ failing }, "not ready");
        state.last = report.status;
      }
      return report;
    })
    .finally(() => {
      state.inflight = undefined;
    });
  return state.inflight;
}
