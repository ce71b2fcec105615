// The Flow Service simulator's latency profile (FLOW_SIM_LATENCY): the text form it accepts and
// refuses, and that a seeded log-normal sample has the median and 95th percentile it was given.
import { describe, expect, it } from "vitest";
import { formatLatencyProfile, LatencyProfileError, latencySampler, MAX_DELAY_MS, parseLatencyProfile, SimLatency } from "@/simulators/flow-service/latency";

function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

describe("parseLatencyProfile", () => {
  it("reads a fixed delay", () => {
    expect(parseLatencyProfile("fixed:1")).toEqual({ kind: "fixed", ms: 1 });
    expect(parseLatencyProfile(" fixed:2.5 ")).toEqual({ kind: "fixed", ms: 2.5 });
  });

  it("reads a log-normal with median, p95 and an optional seed", () => {
    expect(parseLatencyProfile("lognormal:median=100,p95=300")).toEqual({ kind: "lognormal", median: 100, p95: 300, seed: 1 });
    expect(parseLatencyProfile("lognormal:p95=300, median=100, seed=7")).toEqual({ kind: "lognormal", median: 100, p95: 300, seed: 7 });
  });

  it("treats an empty value and none as no added delay", () => {
    expect(parseLatencyProfile(undefined)).toBeUndefined();
    expect(parseLatencyProfile("")).toBeUndefined();
    expect(parseLatencyProfile("none")).toBeUndefined();
  });

  it.each([
    ["fixed", "ms"],
    ["fixed:-1", "ms"],
    ["fixed:abc", "ms"],
    [`fixed:${MAX_DELAY_MS + 1}`, "ms"],
    ["lognormal:median=100", "p95"],
    ["lognormal:median=0,p95=10", "median"],
    ["lognormal:median=300,p95=100", "p95 must be at least the median"],
    ["lognormal:median=100,p95=300,jitter=5", "jitter"],
    ["lognormal:median=100,median=200,p95=300", "given twice"],
    ["lognormal:median", "key=value"],
    ["gaussian:mean=100", "kind"],
  ])("refuses %s, naming what is wrong", (text, detail) => {
    expect(() => parseLatencyProfile(text)).toThrow(LatencyProfileError);
    expect(() => parseLatencyProfile(text)).toThrow(detail);
  });

  it("formats a profile back into text it reads again", () => {
    for (const text of ["fixed:1", "lognormal:median=100,p95=300,seed=3"]) expect(formatLatencyProfile(parseLatencyProfile(text))).toBe(text);
    expect(formatLatencyProfile(undefined)).toBe("none");
  });
});

describe("latencySampler", () => {
  it("gives the median and p95 of the profile on a seeded sample", () => {
    const next = latencySampler(parseLatencyProfile("lognormal:median=100,p95=300,seed=42"));
    const sample = Array.from({ length: 20_000 }, next).sort((a, b) => a - b);
    expect(quantile(sample, 0.5)).toBeGreaterThan(97);
    expect(quantile(sample, 0.5)).toBeLessThan(103);
    expect(quantile(sample, 0.95)).toBeGreaterThan(288);
    expect(quantile(sample, 0.95)).toBeLessThan(312);
    expect(sample[0]!).toBeGreaterThan(0);
  });

  it("repeats the same delays for the same seed", () => {
    const a = latencySampler(parseLatencyProfile("lognormal:median=50,p95=80,seed=9"));
    const b = latencySampler(parseLatencyProfile("lognormal:median=50,p95=80,seed=9"));
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it("waits exactly the fixed delay, and nothing without a profile", () => {
    expect(Array.from({ length: 3 }, latencySampler({ kind: "fixed", ms: 1 }))).toEqual([1, 1, 1]);
    expect(latencySampler(undefined)()).toBe(0);
  });

  it("can be replaced while the simulator runs", () => {
    const latency = new SimLatency(parseLatencyProfile("fixed:5"));
    expect(latency.next()).toBe(5);
    latency.set(undefined);
    expect(latency.next()).toBe(0);
    expect(latency.get()).toBeUndefined();
  });
});
