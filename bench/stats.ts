// Small statistics helpers. Every figure the bench reports is a ratio of two numbers measured in
// the same run, so these stay simple: order statistics on sorted copies, no smoothing.

/** The q-quantile (0..1) with linear interpolation between closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower]!;
  const high = sorted[upper]!;
  return low + (high - low) * (position - lower);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);
export const p50 = median;
export const mean = (values: readonly number[]): number => (values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : Number.NaN);
export const p95 = (values: readonly number[]): number => quantile(values, 0.95);

export function summary(values: readonly number[]): { n: number; p50: number; p95: number; min: number; max: number } {
  return { n: values.length, p50: p50(values), p95: p95(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Wall time of an async function in milliseconds (monotonic clock). */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** Runs `task` over `count` indexes with at most `limit` in flight; returns the wall time. */
export async function runBounded(count: number, limit: number, task: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
  return performance.now() - started;
}

export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
