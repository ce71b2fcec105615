/**
 * Backoff arithmetic. Pure functions (time and randomness are parameters) so that tests can
 * check them exactly and the HTTP layer never needs a real clock in tests.
 */

export interface RetryPolicy {
  /** Extra attempts after the first. */
  maxRetries: number;
  /** Ceiling of the first backoff; it doubles for each attempt. */
  baseMs: number;
  /** Ceiling of any single backoff sleep. */
  capMs: number;
  /** Longest Retry-After we are willing to wait; longer ones end the retries. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseMs: 200,
  capMs: 5_000,
  maxRetryAfterMs: 30_000,
};

/**
 * Parse a Retry-After header: either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns milliseconds from `nowMs`, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  // Integers are the standard form; decimals are tolerated because some proxies send them.
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Date.parse would accept odd things such as "-1"; require something date-like.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * "Full jitter" (AWS architecture blog): sleep a uniformly random time between 0 and the
 * exponential ceiling. Spreads retries of many clients instead of synchronising them.
 * `attempt` is 0 for the first retry.
 */
export function fullJitterDelay(attempt: number, policy: Pick<RetryPolicy, "baseMs" | "capMs">, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * How long to wait before retry number `attempt` (0-based), or "give-up" when the server asks
 * for a pause longer than we accept. A Retry-After is a floor: we never retry earlier than asked.
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs?: number,
): number | "give-up" {
  const jitter = fullJitterDelay(attempt, policy, random);
  if (retryAfterMs === undefined) return jitter;
  if (retryAfterMs > policy.maxRetryAfterMs) return "give-up";
  return Math.max(retryAfterMs, jitter);
}

/** Sleep that ends early (rejecting) when the signal aborts. */
export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
