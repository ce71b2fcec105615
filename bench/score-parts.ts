// What one Lighthouse run's performance score is made of, read from its report: the points each
// weighted metric cost it, and whether the page's first frame won its race with the scripts.
//
// The race matters because Lighthouse's simulated largest paint (Lantern's paint-based graph)
// replays on its slow phone every request that had finished before the paint it observed on this
// machine. A page whose frame reached the screen before its scripts arrived from localhost is
// simulated with none of them; one painted after, with all of them (bench/HISTORY.md, "Why the
// pages' largest paint is simulated so late"). Which way it goes can move a score by up to five
// points for the same page and code (the largest paint's share), so #6's note counts it, beside the
// points each metric cost, and a reader sees which part carries a page's gap to the floor.
import { z } from "zod";
import { median } from "./stats";

export type ScoreParts = {
  /** Points of 100 each weighted metric cost the run: weight × (1 − its score). */
  pointsLost: Record<string, number>;
  /** Script bytes on the wire that had finished loading when the largest paint was observed. */
  scriptBytesBeforePaint: number;
  scriptBytes: number;
};

const auditRef = z.object({ id: z.string(), weight: z.number() });
const request = z.object({ resourceType: z.string().optional(), networkEndTime: z.number().optional(), transferSize: z.number().optional() });
// Only what this module reads; the rest of the report passes through untouched.
const report = z.object({
  categories: z.object({ performance: z.object({ auditRefs: z.array(auditRef) }) }),
  audits: z.record(z.string(), z.unknown()),
});
const scored = z.object({ score: z.number() });
// The audit's first item holds the timings; the next ones other facts (whether the LCP was invalidated).
const metrics = z.object({ details: z.object({ items: z.tuple([z.object({ observedLargestContentfulPaint: z.number() })], z.unknown()) }) });
const requests = z.object({ details: z.object({ items: z.array(request) }) });

/** The short names Lighthouse's own summary uses. */
const SHORT: Record<string, string> = {
  "first-contentful-paint": "FCP",
  "largest-contentful-paint": "LCP",
  "total-blocking-time": "TBT",
  "cumulative-layout-shift": "CLS",
  "speed-index": "SI",
};

/** The parts of one report's score, or undefined when the report lacks what they are read from. */
export function readScoreParts(lhr: unknown): ScoreParts | undefined {
  const parsed = report.safeParse(lhr);
  if (!parsed.success) return undefined;
  const { categories, audits } = parsed.data;
  const metricsAudit = metrics.safeParse(audits.metrics);
  const requestsAudit = requests.safeParse(audits["network-requests"]);
  if (!metricsAudit.success || !requestsAudit.success) return undefined;
  const pointsLost: Record<string, number> = {};
  for (const ref of categories.performance.auditRefs) {
    if (ref.weight <= 0) continue;
    const audit = scored.safeParse(audits[ref.id]);
    if (!audit.success) return undefined;
    pointsLost[SHORT[ref.id] ?? ref.id] = ref.weight * (1 - audit.data.score);
  }
  // Both times count from the start of the navigation (the network audit's from its first
  // request, which the browser sends within a millisecond or two of it).
  const paintedAt = metricsAudit.data.details.items[0].observedLargestContentfulPaint;
  const scripts = requestsAudit.data.details.items.filter((item) => item.resourceType === "Script");
  const bytes = (items: typeof scripts) => items.reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
  const loadedBefore = scripts.filter((item) => item.networkEndTime !== undefined && item.networkEndTime <= paintedAt);
  return { pointsLost, scriptBytesBeforePaint: bytes(loadedBefore), scriptBytes: bytes(scripts) };
}

/** A run "painted after its scripts" when at least half its script bytes had loaded before the paint. */
function paintedAfterScripts(parts: ScoreParts): boolean {
  return parts.scriptBytes > 0 && parts.scriptBytesBeforePaint >= parts.scriptBytes / 2;
}

/**
 * One sentence for #6's note: the median points each metric cost the page and the floor, and in
 * how many runs each painted after its scripts had loaded.
 */
export function describeScoreParts(page: ScoreParts[], floor: ScoreParts[]): string {
  if (page.length === 0 || floor.length === 0) return "the score's parts could not be read from the reports";
  const metrics = [...new Set([...page, ...floor].flatMap((parts) => Object.keys(parts.pointsLost)))];
  const lost = (runs: ScoreParts[], metric: string) => median(runs.map((parts) => parts.pointsLost[metric] ?? 0)).toFixed(1);
  const byMetric = metrics.map((metric) => `${metric} ${lost(page, metric)} (floor ${lost(floor, metric)})`).join(", ");
  const after = (runs: ScoreParts[]) => runs.filter(paintedAfterScripts).length;
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  return (
    `points of the score lost by metric (medians): ${byMetric}; ` +
    `the largest paint was observed after the page's scripts had loaded (${kb(median(page.map((parts) => parts.scriptBytes)))}) in ${after(page)} of ${page.length} runs, ` +
    `the floor's (${kb(median(floor.map((parts) => parts.scriptBytes)))}) in ${after(floor)} of ${floor.length}: ` +
    `Lighthouse's simulated phone then loads and runs them before that paint`
  );
}
