// How often the console server's garbage collector ran during a measurement, read from its own
// Prometheus endpoint (prom-client's `nodejs_gc_duration_seconds`, one series per kind). #1 prints
// it: a p95 of 600 requests is decided by its 30 slowest, and a collection that lands in a request
// makes it one of them, so the row says how many there were and how long they took.
import { scrapeMetrics } from "./metrics-scrape";

/** prom-client's kinds: minor = scavenge, major = mark-compact, incremental = marking steps. */
export type GcKind = "minor" | "major" | "incremental" | "weakcb";
export type GcTotals = Record<GcKind, { count: number; seconds: number }>;

const KINDS: readonly GcKind[] = ["minor", "major", "incremental", "weakcb"];
const NUMBER = String.raw`(\d+(?:\.\d+)?(?:e[+-]\d+)?)`;

/** No collection of any kind (prom-client prints a kind only once one has run). */
export function noGc(): GcTotals {
  return Object.fromEntries(KINDS.map((kind) => [kind, { count: 0, seconds: 0 }])) as GcTotals;
}

/** Collections so far by kind, from exposition text; undefined when the metric is absent. */
export function parseGcTotals(text: string): GcTotals | undefined {
  const totals = noGc();
  let seen = false;
  for (const line of text.split("\n")) {
    const match = new RegExp(String.raw`^nodejs_gc_duration_seconds_(count|sum)\{kind="([a-z]+)"\} ${NUMBER}$`).exec(line);
    if (!match || !KINDS.includes(match[2] as GcKind)) continue;
    seen = true;
    const entry = totals[match[2] as GcKind];
    if (match[1] === "count") entry.count = Number(match[3]);
    else entry.seconds = Number(match[3]);
  }
  return seen ? totals : undefined;
}

/** What ran between two readings. */
export function gcBetween(before: GcTotals, after: GcTotals): GcTotals {
  return Object.fromEntries(KINDS.map((kind) => [kind, { count: after[kind].count - before[kind].count, seconds: after[kind].seconds - before[kind].seconds }])) as GcTotals;
}

/** Reads the totals from the console's /api/metrics; undefined when it cannot (the row goes without). */
export function readGcTotals(origin: string, token: string): Promise<GcTotals | undefined> {
  return scrapeMetrics(origin, token, parseGcTotals);
}

/** "server GC over 1,100 requests: 212 scavenges (0.9 s), 16 mark-compacts (0.1 s, 0.5 s of marking steps): one every 69 requests". */
export function describeGc(gc: GcTotals, requests: number): string {
  const seconds = (value: number) => `${value.toFixed(1)} s`;
  const every = gc.major.count > 0 ? `: one every ${Math.round(requests / gc.major.count)} requests` : "";
  return `server GC over ${requests.toLocaleString("en-US")} requests: ${gc.minor.count} scavenges (${seconds(gc.minor.seconds)}), ${gc.major.count} mark-compacts (${seconds(gc.major.seconds)}, ${seconds(gc.incremental.seconds)} of marking steps)${every}`;
}
