// When the reader of this process's output goes away (npm start's stack was killed, a log
// collector died), every write to stdout fails with EPIPE. Unhandled, that error reaches Next's
// handler of uncaught exceptions, which logs it, which writes to stdout again: a loop that kept a
// core busy (4.7 s of CPU in 5 s, measured) in a process that could no longer tell anyone. Such an
// instance is orphaned or blind: it falls silent and stops, and whatever runs it starts one whose
// output is read.
import "server-only";
import { log } from "@/lib/log";
import { CONSOLE_METHODS } from "@/lib/log/console";

/** The errors of a write whose reader is gone. */
const READER_GONE = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);

/** Calls `stop` once, after silencing the logger and the console, when stdout's or stderr's reader is gone. */
export function onLostOutput(stop: () => void, streams: NodeJS.EventEmitter[] = [process.stdout, process.stderr]): void {
  let lost = false;
  for (const stream of streams) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      // Every later write fails the same way: nothing more to do.
      if (lost) return;
      // Any other error stays what it was without this listener: an uncaught exception.
      if (!READER_GONE.has(error.code ?? "")) throw error;
      lost = true;
      log.level = "silent";
      for (const method of CONSOLE_METHODS) console[method] = () => undefined;
      stop();
    });
  }
}
