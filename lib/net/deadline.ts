/**
 * The deadline of one outbound call, composed with the caller's own signal; `clear()` once the
 * call is over (answer read, or failed).
 *
 * Not `AbortSignal.timeout()`: Node holds a timeout signal that has an 'abort' listener strongly
 * until the listener goes or the time is up, and fetch's listener only goes when its request
 * object is collected. So each call's timer lived out the whole timeout (Flow Service's 10 s by
 * default) after an answer that took 100 ms, and a timer keeps the async context it was made in:
 * the server request behind the call, its streams and Next's request state. About 20 MB of the
 * console's old generation under eight rotations in flight (bench/HISTORY.md, "Outbound deadlines
 * cleared"). A timer cleared at the end lets them go with the call.
 */
export type CallDeadline = {
  /** What the call listens to: the deadline, or the deadline and the caller's signal. */
  signal: AbortSignal;
  /** The deadline alone, to tell a timeout from the caller's cancellation. */
  deadline: AbortSignal;
  clear(): void;
};

export function callDeadline(timeoutMs: number, callerSignal?: AbortSignal): CallDeadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), timeoutMs);
  // As AbortSignal.timeout's own timer: a pending deadline does not keep the process alive.
  timer.unref();
  const deadline = controller.signal;
  return { signal: callerSignal ? AbortSignal.any([deadline, callerSignal]) : deadline, deadline, clear: () => clearTimeout(timer) };
}

/**
 * Runs `call` under a deadline of its own (a budget for several calls, say) and clears it when
 * `call` settles, for the same reason as above.
 */
export async function withDeadline<T>(timeoutMs: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { signal, clear } = callDeadline(timeoutMs);
  try {
    return await call(signal);
  } finally {
    clear();
  }
}
