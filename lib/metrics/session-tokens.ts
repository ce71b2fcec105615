// Session tokens that need attention, counted from the database when Prometheus scrapes (a value
// kept in memory would drift with every replica, sync and rotation). Connections missing from
// Flow Service are left out, as in the sidebar's badge.
import "server-only";
import type { Gauge } from "prom-client";
import { db } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";

const DAY_MS = 86_400_000;

type Counts = Map<string, { expiring: number; expired: number }>;

export async function countSessionTokens(now = new Date()): Promise<Counts> {
  const present = { remoteMissingSince: null };
  const [expiring, expired] = await Promise.all([
    db.connection.groupBy({ by: ["sandboxName"], where: { ...present, sessionTokenExpiresAt: { gt: now, lte: new Date(now.getTime() + DAY_MS) } }, _count: { _all: true } }),
    db.connection.groupBy({ by: ["sandboxName"], where: { ...present, sessionTokenExpiresAt: { lte: now } }, _count: { _all: true } }),
  ]);
  // Every configured sandbox reports, with 0 when nothing is due.
  const counts = new Map(serverEnv().CONSOLE_SANDBOXES.map((sandbox) => [sandbox, { expiring: 0, expired: 0 }]));
  const entry = (sandbox: string) => counts.get(sandbox) ?? counts.set(sandbox, { expiring: 0, expired: 0 }).get(sandbox)!;
  for (const row of expiring) entry(row.sandboxName).expiring = row._count._all;
  for (const row of expired) entry(row.sandboxName).expired = row._count._all;
  return counts;
}

// prom-client collects every metric of a scrape at once, so both gauges ask together: they share
// one query, remembered for a second.
let recent: { at: number; counts: Promise<Counts | undefined> } | undefined;

function countsForThisScrape(): Promise<Counts | undefined> {
  if (!recent || Date.now() - recent.at > 1_000) {
    const counts = countSessionTokens().catch((error: unknown) => {
      // The rest of the scrape stays useful; the gauges are simply absent this time.
      log.warn({ err: error }, "metrics: could not count session tokens in the database");
      return undefined;
    });
    recent = { at: Date.now(), counts };
  }
  return recent.counts;
}

/** The collect hook of one of the two gauges: fills it from the database. */
export async function collectSessionTokenGauge(gauge: Gauge<"sandbox">, which: "expiring" | "expired"): Promise<void> {
  const counts = await countsForThisScrape();
  gauge.reset();
  for (const [sandbox, count] of counts ?? []) gauge.set({ sandbox }, count[which]);
}
