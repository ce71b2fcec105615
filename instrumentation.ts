// Runs once when a console server process starts (Next's instrumentation hook): validate the
// environment (a bad value stops the server with every problem listed), then start the job
// workers and the sync schedule that run inside every console instance.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("@/lib/env");
  serverEnv();
  const { runBackgroundWorkInThisProcess } = await import("@/lib/background/in-process");
  runBackgroundWorkInThisProcess();
}
