// A console server whose output nobody reads any more falls silent and stops once, instead of
// logging the failure of its last write, which fails in turn.
import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log";
import { onLostOutput } from "@/lib/startup/lost-output";

function writeError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`write ${code}`), { code });
}

describe("onLostOutput", () => {
  const level = log.level;
  const saved = { ...console };
  afterEach(() => {
    log.level = level;
    Object.assign(console, saved);
  });

  it("silences the logger and the console, then stops once, whichever stream lost its reader", () => {
    const stdout = new EventEmitter();
    const stderr = new EventEmitter();
    const stop = vi.fn();
    onLostOutput(stop, [stdout, stderr]);
    const error = console.error;

    stderr.emit("error", writeError("EPIPE"));
    expect(stop).toHaveBeenCalledTimes(1);
    expect(log.level).toBe("silent");
    expect(console.error).not.toBe(error);
    expect(console.error("nobody reads this")).toBeUndefined();

    stdout.emit("error", writeError("EPIPE"));
    stdout.emit("error", writeError("ERR_STREAM_DESTROYED"));
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it("leaves any other error of its output as it was: thrown", () => {
    const stdout = new EventEmitter();
    const stop = vi.fn();
    onLostOutput(stop, [stdout]);
    expect(() => stdout.emit("error", writeError("ENOSPC"))).toThrow("write ENOSPC");
    expect(stop).not.toHaveBeenCalled();
    expect(log.level).toBe(level);
  });
});
