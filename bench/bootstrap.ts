// How far a ratio of two tail figures can move on the luck of the draw. #1's p95 is the 5 % slowest
// requests of each page, and those are the ones that met one of the server's full collections
// (bench/HISTORY.md, "#1's slow requests are the collector's full collections"): a handful of
// requests decides the ratio, so two runs of the same code can land either side of the budget. A
// percentile bootstrap resamples both sample sets with replacement, recomputes the ratio each time
// and reports the middle `level` of what it got: an interval that holds the budget says the run's
// verdict is the draw's, not the code's. The resampling is seeded, so the same samples always give
// the same interval, drawn with the simulator's seeded generator (mulberry32). #6 resamples its
// rounds instead (`paired`): a page and the floor audited in one round share the machine's moment,
// so a round's two scores are drawn together or not at all. #2's figure is a median of per-pair
// ratios, one sample: `bootstrapInterval` resamples its pairs.
import { mulberry32, type Rng } from "../simulators/flow-service/prng";

/** Options of bootstrapRatioInterval; the defaults are what #1 prints. */
export type BootstrapOptions = { resamples?: number; level?: number; seed?: number; paired?: boolean };

function drawIndexes(length: number, random: Rng): number[] {
  return Array.from({ length }, () => Math.floor(random() * length));
}

const pick = (values: readonly number[], indexes: readonly number[]) => indexes.map((i) => values[i]!);

/** The middle `level` of `resamples` values drawn by `draw`, after the options are checked. */
function percentileInterval(draw: () => number, { resamples = 2_000, level = 0.9 }: BootstrapOptions): { low: number; high: number } {
  if (!(level > 0 && level < 1)) throw new Error(`the interval's level must be between 0 and 1, not ${level}`);
  if (!Number.isInteger(resamples) || resamples < 100) throw new Error(`a bootstrap interval needs at least 100 resamples, not ${resamples}`);
  const values = Array.from({ length: resamples }, draw).sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { low: values[Math.floor(tail * resamples)]!, high: values[Math.ceil((1 - tail) * resamples) - 1]! };
}

/**
 * The percentile bootstrap interval of statistic(numerator) / statistic(denominator) at `level`
 * (0.9: the 5th and 95th percentiles of `resamples` recomputed ratios). With `paired`, the i-th
 * values of both sides are one observation (one round) and are drawn together.
 */
export function bootstrapRatioInterval(
  numerator: readonly number[],
  denominator: readonly number[],
  statistic: (values: readonly number[]) => number,
  options: BootstrapOptions = {},
): { low: number; high: number } {
  const { seed = 1, paired = false } = options;
  if (numerator.length === 0 || denominator.length === 0) throw new Error("a bootstrap interval needs samples on both sides of the ratio");
  if (paired && numerator.length !== denominator.length) throw new Error(`paired samples need as many values on each side, not ${numerator.length} and ${denominator.length}`);
  const random = mulberry32(seed);
  return percentileInterval(() => {
    const top = drawIndexes(numerator.length, random);
    const bottom = paired ? top : drawIndexes(denominator.length, random);
    return statistic(pick(numerator, top)) / statistic(pick(denominator, bottom));
  }, options);
}

/**
 * The percentile bootstrap interval of statistic(values) at `level`: for a figure that is already
 * one value per observation, such as #2's per-pair ratios (the action's time over its floor's in
 * the same pair, both under the same seeded network delays).
 */
export function bootstrapInterval(values: readonly number[], statistic: (values: readonly number[]) => number, options: BootstrapOptions = {}): { low: number; high: number } {
  if (values.length === 0) throw new Error("a bootstrap interval needs samples");
  const random = mulberry32(options.seed ?? 1);
  return percentileInterval(() => statistic(pick(values, drawIndexes(values.length, random))), options);
}
