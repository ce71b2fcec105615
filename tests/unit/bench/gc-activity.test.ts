// #1 says how often the console server's garbage collector ran, from the server's own Prometheus
// endpoint. The parser is checked against what prom-client really prints after real collections,
// so a renamed metric fails here rather than silently dropping the figure from the bench's note.
import { collectDefaultMetrics, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { describeGc, gcBetween, noGc, parseGcTotals } from "../../../bench/gc-activity";

/** Short-lived garbage: enough to make V8 scavenge several times. */
function churn(): number {
  let kept = 0;
  for (let i = 0; i < 200; i++) kept += new Array(50_000).fill(i).length;
  return kept;
}

describe("parseGcTotals", () => {
  it("reads prom-client's collections by kind, and the difference between two scrapes", async () => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const before = parseGcTotals(await registry.metrics()) ?? noGc();
    churn();
    // prom-client hears of collections through a PerformanceObserver, which reports them later.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = parseGcTotals(await registry.metrics());
    expect(after).toBeDefined();
    const ran = gcBetween(before, after!);
    expect(ran.minor.count).toBeGreaterThan(0);
    expect(ran.minor.seconds).toBeGreaterThan(0);
    expect(describeGc(ran, 1_100)).toMatch(/^server GC over 1,100 requests: \d+ scavenges \(\d+\.\d s\), \d+ mark-compacts \(\d+\.\d s, \d+\.\d s of marking steps\)/);
  });

  it("parses the exposition lines, and answers undefined without them", () => {
    const text = ['nodejs_gc_duration_seconds_sum{kind="major"} 0.25', 'nodejs_gc_duration_seconds_count{kind="major"} 4', 'nodejs_gc_duration_seconds_count{kind="minor"} 120', 'nodejs_gc_duration_seconds_sum{kind="minor"} 4.5e-1'].join("\n");
    const totals = parseGcTotals(text)!;
    expect(totals.major).toEqual({ count: 4, seconds: 0.25 });
    expect(totals.minor).toEqual({ count: 120, seconds: 0.45 });
    expect(describeGc(totals, 400)).toBe("server GC over 400 requests: 120 scavenges (0.5 s), 4 mark-compacts (0.3 s, 0.0 s of marking steps): one every 100 requests");
    expect(parseGcTotals("process_resident_memory_bytes 123\n")).toBeUndefined();
  });
});
