/**
 * The simulators' shared notion of "now" for everything that expires: STS-minted credentials,
 * S3 session tokens, dataflow schedules. It is the real clock plus an offset that tests (or the
 * control API) can only move forward, so a 15-minute token expires in a test without waiting.
 *
 * Only credential and schedule time follows this clock. Signature dates are still checked
 * against the real clock: clients (the AWS SDK, the console) sign with their own real time, and
 * a moved clock must not turn every request into RequestTimeTooSkewed.
 *
 * The stack creates one clock and passes it to the three simulators, so moving it once moves
 * them all. Product code (lib/) never sees it.
 */
export interface SimClock {
  /** Epoch milliseconds: real time plus the offset. */
  now(): number;
  /** How far ahead of the real clock this clock runs, in milliseconds (never negative). */
  offsetMs(): number;
  /** Moves the clock forward; returns the new now(). Throws on a negative or non-finite amount. */
  advance(ms: number): number;
  /** Called after every advance (e.g. to run the dataflow schedules that fell due). */
  onAdvance(listener: (now: number) => void | Promise<void>): () => void;
  /** Resolves once every listener of the latest advance has finished. */
  settled(): Promise<void>;
}

/** Largest single move: ten years, enough for any test and far from Date's limits. */
export const MAX_ADVANCE_MS = 10 * 365 * 86_400_000;

export function createSimClock(options: { realNow?: () => number; offsetMs?: number } = {}): SimClock {
  const realNow = options.realNow ?? Date.now;
  let offset = Math.max(0, Math.floor(options.offsetMs ?? 0));
  const listeners = new Set<(now: number) => void | Promise<void>>();
  let pending: Promise<void> = Promise.resolve();
  return {
    now: () => realNow() + offset,
    offsetMs: () => offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) throw new Error(`the clock moves forward only, by 0 to ${MAX_ADVANCE_MS} ms`);
      offset += Math.floor(ms);
      const now = realNow() + offset;
      // Listeners run in order of registration, after the previous advance's listeners.
      pending = pending.then(async () => {
        for (const listener of listeners) await Promise.resolve(listener(now)).catch(() => undefined);
      });
      return now;
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => pending,
  };
}
