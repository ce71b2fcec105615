// Counters the reliability tests report to scripts/reliability.ts, which prints them as a table.
// Appends one JSON line per test file to the file named by RELIABILITY_REPORT_FILE (when set).
import { appendFileSync } from "node:fs";

export type Tally = {
  area: string;
  faultsInjected: number;
  actionsSurvived: number;
  actions: number;
  duplicates: number;
  lostUpdates: number;
  secretHits: number;
  fuzzed: number;
  serverErrorsOnFuzz: number;
  instancesKilled: number;
  restarts: number;
  /** Accepted work that never happened (a run item never done). */
  jobsLost: number;
  /** Work done twice (a connection patched twice by one run). */
  jobsDoubled: number;
  /** Connections that reached an internal listener the egress guard must keep out of reach. */
  internalHits: number;
};

export function newTally(area: string): Tally {
  return { area, faultsInjected: 0, actionsSurvived: 0, actions: 0, duplicates: 0, lostUpdates: 0, secretHits: 0, fuzzed: 0, serverErrorsOnFuzz: 0, instancesKilled: 0, restarts: 0, jobsLost: 0, jobsDoubled: 0, internalHits: 0 };
}

export function reportTally(tally: Tally): void {
  const file = process.env.RELIABILITY_REPORT_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(tally)}\n`);
}
