// The Flow Service simulator's latency profile as the bench uses it (simulators/flow-service/latency.ts).
// #2-#4 compare the console with direct calls under a realistic network: a log-normal with median
// 100 ms and p95 300 ms, the order of a cross-region HTTPS call to Adobe's gateway. The 1 ms profile
// (loopback) is kept for a secondary "console overhead" row: there the console's own work shows.
//
// Common random numbers: a measured call and its floor are each run after setting the same seed,
// so both meet the same sequence of delays and the ratio is not drowned in the network's noise.
import type { BenchContext } from "./context";

export const NETWORK = { median: 100, p95: 300 } as const;
export const OVERHEAD_PROFILE = "fixed:1";

export type LatencyProfile = { label: string; short: string; profile(seed: number): string };

/** The realistic profile; each seed gives its own, repeatable, sequence of delays. */
export const networkLatency: LatencyProfile = {
  label: `network latency (log-normal, median ${NETWORK.median} ms, p95 ${NETWORK.p95} ms)`,
  short: `net ${NETWORK.median}/${NETWORK.p95} ms`,
  profile: (seed) => `lognormal:median=${NETWORK.median},p95=${NETWORK.p95},seed=${seed}`,
};

/** Loopback: what is left is the console's own overhead. */
export const overheadLatency: LatencyProfile = { label: "1 ms per call (console overhead)", short: "1 ms", profile: () => OVERHEAD_PROFILE };

/** Sets the simulator's profile through its control API (stack.ts starts it with the 1 ms one). */
export async function setSimLatency(ctx: BenchContext, profile: string): Promise<void> {
  const response = await fetch(`${ctx.bench.sim.origin}/__sim/latency`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ profile }) });
  const text = await response.text();
  if (!response.ok) throw new Error(`the simulator refused the latency profile ${profile}: ${response.status} ${text.slice(0, 200)}`);
}
