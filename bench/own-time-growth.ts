// #3's growth row: the console's own sync time at 10,000 connections against ten times its own time
// at 1,000, each the median of a few iterations (a sync less its own listings). At 1 ms a call the
// 1,000-connection figure is a few tens of milliseconds that swung from 22 to 68 ms between the
// five iterations of one run (2026-12-08, AMD EPYC), and the ratio takes that swing tenfold: the
// row prints every iteration's figure and how far resampling the iterations moves the ratio, as #1,
// #2 and #6 print theirs.
import { bootstrapRatioInterval } from "./bootstrap";
import { median } from "./stats";

const listed = (values: readonly number[]) => [...values].sort((a, b) => a - b).map((value) => Math.round(value)).join(", ");

/** The note of the growth row from the own times of each iteration, in milliseconds. */
export function ownTimeGrowthNote(small: readonly number[], large: readonly number[]): string {
  const figures = `own time of each iteration ${listed(small)} ms at 1,000 connections, ${listed(large)} ms at 10,000`;
  // One iteration a size (quick mode) has nothing to resample; a resample whose 1,000 median is
  // zero or less has no ratio to take.
  if (small.length < 2 || large.length < 2) return `${figures}; no interval (one iteration of a size)`;
  if (small.some((value) => value <= 0)) return `${figures}; no interval (an iteration at 1,000 took no longer than its listings)`;
  const { low, high } = bootstrapRatioInterval(large, small, median);
  return `${figures}; ${(low / 10).toFixed(2)}–${(high / 10).toFixed(2)} of linear (90 % bootstrap interval, the iterations of each size resampled)`;
}
