// #1 Server latency of the inventory page /connections (default view: first page of 25, sorted
// by name) with 1,000 and with 10,000 connections in the sandbox, against the floor: a minimal
// dynamic page of the same app, /runs of the 10k sandbox, which has no runs. It has the same layout
// (session check, the sidebar's counts), its own permission check, one indexed read (the runs of
// the sandbox, newest first, on @@index([sandboxName, createdAt]), with its count) and no table
// (an empty-state sentence). The prerendered 404 (no rendering, no database) is timed too, as a
// reference. Requests are sequential and interleaved round-robin, rotating the order, so that
// noise hits all targets alike.
// Then the page's own database reads are timed in-process, to say what a page view spends there.
import { countTokensNeedingRotation, listInventory } from "../lib/connections/inventory";
import { bootstrapRatioInterval } from "./bootstrap";
import { describeGc, gcBetween, readGcTotals, type GcTotals } from "./gc-activity";
import { parseInventoryQuery } from "../lib/connections/inventory-query";
import { SANDBOX_COOKIE, type BenchContext } from "./context";
import { median, p50, p95, round, summary, timed } from "./stats";
import { ms, type Row, type Section } from "./table";

/** A path that does not exist: Next's prerendered 404 (the framework floor of #5 and #6). */
export const NOT_FOUND_PATH = "/bench-floor-no-such-page";
/** #1's floor: a light dynamic page of the app (see above), shown in its empty state. */
export const DYNAMIC_FLOOR_PATH = "/runs";
export const DYNAMIC_FLOOR_TEXT = "No rotation runs yet";

/** #1's budgets: p95 against the floor's p95, and growth of the p95 from 1k to 10k connections. */
const FLOOR_BUDGET = 1.5;
const GROWTH_BUDGET = 1.3;

/**
 * Requests per target. A p95 is decided by the slowest 5 %, here the requests that met a full
 * collection of the server's heap: at 220 a run's p95 ratio had a bootstrap interval of about
 * 1.0–1.7× around 1.2–1.4×, and the same code met and missed from one run to the next
 * (bench/README.md, "What the server promotes is Next's, and survives by V8's rules"). 600
 * narrows it by about 1.65 (√(600/220)), for 30–40 s more of #1 on a 2-core machine.
 */
const REQUESTS_PER_TARGET = 600;

/** "p95 ratio 1.02–1.46× (90 % bootstrap interval)": how far the draw alone moves a p95 ratio. */
function p95Interval(numerator: readonly number[], denominator: readonly number[]): string {
  const { low, high } = bootstrapRatioInterval(numerator, denominator, p95);
  return `p95 ratio ${low.toFixed(2)}–${high.toFixed(2)}× (90 % bootstrap interval)`;
}

type Target = { label: string; path: string; cookies: Record<string, string>; expect: number; mustInclude?: string; headers?: Record<string, string> };

/** Rounds of #1: each asks every target once (the floor, the 404, one page per dataset, the RSC payload). */
export function inventoryRounds(quick: boolean): { warmup: number; requests: number } {
  return { warmup: quick ? 5 : 20, requests: quick ? 25 : REQUESTS_PER_TARGET };
}

/** How many requests #1 makes in all, with `datasets` inventories (#7's floor repeats the count). */
export function inventoryRequestCount(quick: boolean, datasets: number): number {
  const { warmup, requests } = inventoryRounds(quick);
  return (warmup + requests) * (datasets + 3);
}

export async function measureInventory(ctx: BenchContext, datasets: { size: number; sandbox: string }[]): Promise<Section> {
  const { warmup, requests } = inventoryRounds(ctx.quick);
  const targets: Target[] = [
    { label: "floor", path: DYNAMIC_FLOOR_PATH, cookies: { [SANDBOX_COOKIE]: datasets.at(-1)!.sandbox }, expect: 200, mustInclude: DYNAMIC_FLOOR_TEXT },
    { label: "404", path: NOT_FOUND_PATH, cookies: {}, expect: 404 },
    ...datasets.map((d) => ({ label: String(d.size), path: "/connections", cookies: { [SANDBOX_COOKIE]: d.sandbox }, expect: 200, mustInclude: "last-synced" })),
    // The largest page's React Server Components payload alone (what a client-side navigation
    // fetches): no HTML rendering. HTML minus this is the server-side HTML rendering.
    { label: "rsc", path: "/connections", cookies: { [SANDBOX_COOKIE]: datasets.at(-1)!.sandbox }, expect: 200, mustInclude: "last-synced", headers: { rsc: "1" } },
  ];
  // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect to the
  // URL that has it: ask once, then use that URL.
  for (const target of targets.filter((t) => t.headers?.rsc)) {
    const response = await fetch(`${ctx.bench.origin}${target.path}`, { headers: { ...target.headers, cookie: ctx.session.cookieHeader(target.cookies) }, redirect: "manual" });
    await response.arrayBuffer();
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) target.path = new URL(location, ctx.bench.origin).pathname + new URL(location, ctx.bench.origin).search;
  }
  const samples: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.label, []]));
  const bytes: Record<string, number> = {};
  const readGc = () => readGcTotals(ctx.bench.origin, ctx.bench.metricsToken);
  let gcBefore: GcTotals | undefined;
  for (let round_ = 0; round_ < warmup + requests; round_++) {
    if (round_ === warmup) gcBefore = await readGc();
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(round_ + k) % targets.length]!;
      const response = await ctx.session.get(target.path, target.cookies, target.headers);
      if (response.status !== target.expect) throw new Error(`GET ${target.path} (${target.label}) answered ${response.status}, expected ${target.expect}`);
      if (target.mustInclude && !response.text.includes(target.mustInclude)) throw new Error(`GET ${target.path} (${target.label}) did not render what it should ("${target.mustInclude}" missing)`);
      bytes[target.label] = response.bytes;
      if (round_ >= warmup) samples[target.label]!.push(response.ms);
    }
    const done = round_ + 1 - warmup;
    if (done > 0 && done % Math.ceil(requests / 4) === 0) ctx.mark?.(`#1 ${Math.round((done / requests) * 100)}%`);
  }
  const gcAfter = await readGc();
  const gc = gcBefore && gcAfter ? gcBetween(gcBefore, gcAfter) : undefined;
  const floor = summary(samples.floor!);
  const notFound = summary(samples["404"]!);

  // The page's database reads, timed where the bench runs (the same queries the server makes).
  const query = parseInventoryQuery({});
  const dbReads: Record<string, Record<string, number>> = {};
  for (const { size, sandbox } of datasets) {
    const reads = { listInventory: [] as number[], countTokensNeedingRotation: [] as number[] };
    for (let i = 0; i < (ctx.quick ? 5 : 30); i++) {
      reads.listInventory.push((await timed(() => listInventory(sandbox, query))).ms);
      reads.countTokensNeedingRotation.push((await timed(() => countTokensNeedingRotation(sandbox))).ms);
    }
    dbReads[size] = Object.fromEntries(Object.entries(reads).map(([key, values]) => [key, round(median(values), 2)]));
  }

  const rows: Row[] = [];
  const rsc = summary(samples.rsc!);
  for (const { size } of datasets) {
    const s = summary(samples[String(size)]!);
    const reads = dbReads[size]!;
    const largest = size === datasets.at(-1)!.size;
    rows.push({
      section: "1",
      metric: `GET /connections, ${size.toLocaleString("en-US")} connections (p50 / p95, n=${s.n})`,
      measured: `${ms(s.p50)} / ${ms(s.p95)}`,
      floor: `${DYNAMIC_FLOOR_PATH} (empty) ${ms(floor.p50)} / ${ms(floor.p95)}`,
      ratio: s.p95 / floor.p95,
      budget: { op: "<=", limit: FLOOR_BUDGET, unit: "× floor p95" },
      note: `${p95Interval(samples[String(size)]!, samples.floor!)}; p50 ${(s.p50 / floor.p50).toFixed(2)}× floor p50; prerendered 404 ${ms(notFound.p50)} / ${ms(notFound.p95)}; HTML ${(bytes[String(size)]! / 1024).toFixed(0)} KB vs floor ${(bytes.floor! / 1024).toFixed(0)} KB; page's database reads (median, in-process): listInventory (its last complete sync with it) ${ms(reads.listInventory!, 2)}, layout's countTokensNeedingRotation ${ms(reads.countTokensNeedingRotation!, 2)}${largest ? `; the same page as an RSC payload only (no HTML rendering) p50 ${ms(rsc.p50)} / p95 ${ms(rsc.p95)}, ${(bytes.rsc! / 1024).toFixed(0)} KB${gc ? `; ${describeGc(gc, requests * targets.length)}` : ""}` : ""}`,
    });
  }
  if (datasets.length === 2) {
    const small = datasets[0]!;
    const large = datasets[1]!;
    const growth = p95(samples[String(large.size)]!) / p95(samples[String(small.size)]!);
    const linear = large.size / small.size;
    rows.push({
      section: "1",
      metric: `p95 growth ${small.size / 1000}k → ${large.size / 1000}k (${linear}× the connections)`,
      measured: `${ms(p95(samples[String(small.size)]!))} → ${ms(p95(samples[String(large.size)]!))}`,
      floor: `p50 grew ${(p50(samples[String(large.size)]!) / p50(samples[String(small.size)]!)).toFixed(2)}×`,
      ratio: growth,
      budget: { op: "<=", limit: GROWTH_BUDGET, unit: "×" },
      note: p95Interval(samples[String(large.size)]!, samples[String(small.size)]!),
    });
  }
  return {
    section: "1",
    title: "inventory page latency",
    rows,
    details: { requestsPerTarget: requests, warmup, summaries: Object.fromEntries(Object.entries(samples).map(([label, values]) => [label, summary(values)])), bytes, dbReadsMedianMs: dbReads, gc, samplesMs: Object.fromEntries(Object.entries(samples).map(([label, values]) => [label, values.map((v) => round(v, 1))])) },
  };
}
