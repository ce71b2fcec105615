// Starts the background work inside a console server process (called from instrumentation.ts,
// in the Node.js runtime only).
import "server-only";
import { constants } from "node:os";
import { log } from "@/lib/log";
import { onLostOutput } from "@/lib/startup/lost-output";
import { startBackgroundWork, stopBackgroundWork } from "./index";

/** The process's stop is wired once, however often the work is started (tests start it again). */
let stopWired = false;

export function runBackgroundWorkInThisProcess(): void {
  if (!stopWired) {
    stopWired = true;
    wireStop();
  }
  // Pages are served even when the queue cannot start yet (database unreachable for a moment):
  // readiness reports it, and the start is retried with a growing delay.
  const start = (attempt: number): void => {
    startBackgroundWork().catch((error: unknown) => {
      log.error({ attempt, err: error }, "job workers could not start; retrying");
      setTimeout(() => start(attempt + 1), Math.min(30_000, 1_000 * 2 ** attempt)).unref();
    });
  };
  start(0);
}

function wireStop(): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A Ctrl-C reaches this process from the terminal, then npm start sends SIGTERM: one stop.
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: letting jobs in flight finish");
    // The exit code of a process ended by that signal (130, 143; 141 for a lost output).
    void stopBackgroundWork(10_000).finally(() => process.exit(128 + constants.signals[signal]));
  };
  // With NEXT_MANUAL_SIG_HANDLE set (the local stack and the image set it), Next leaves signals to
  // the console: jobs in flight get a few seconds to finish before the process exits. Without it,
  // Next exits at once and those jobs are retried by any instance once they time out.
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
  // A write to a pipe nobody reads: what SIGPIPE would end, were Node not ignoring it.
  onLostOutput(() => stop("SIGPIPE"));
}
