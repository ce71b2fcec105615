// Runs once when a console server process starts (Next's instrumentation hook): validate the
// environment (a bad value stops the server with every problem listed), then start the job
// workers and the sync schedule that run inside every console instance.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("@/lib/env");
  serverEnv();
  const { startBackgroundWork, stopBackgroundWork } = await import("@/lib/background");
  const { log } = await import("@/lib/log");
  // With NEXT_MANUAL_SIG_HANDLE set (the local stack and the image set it), Next leaves signals to
  // us: jobs in flight get a few seconds to finish before the process exits. Without it, Next
  // exits at once and those jobs are retried by any instance once they time out.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    const stop = (signal: NodeJS.Signals) => {
      log.info({ signal }, "stopping: letting jobs in flight finish");
      void stopBackgroundWork(10_000).finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
  // The console serves pages even when the queue cannot start yet (database still migrating):
  // readiness reports it, and the start is retried.
  const start = (attempt: number): void => {
    startBackgroundWork().catch((error: unknown) => {
      log.error({ attempt, err: { message: (error as Error).message } }, "job workers could not start; retrying");
      setTimeout(() => start(attempt + 1), Math.min(30_000, 1_000 * 2 ** attempt)).unref();
    });
  };
  start(0);
}
