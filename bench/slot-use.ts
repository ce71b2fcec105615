// How busy a run kept its sandbox's slots, read from the console's own metrics
// (s3console_rotation_slot_busy_seconds_total and s3console_rotation_slot_wait_seconds). #11
// prints it: when the slots were held nearly all the run, the run is bound by ROTATION_CONCURRENCY
// like its direct floor, and what it loses is the slot time no PATCH used (hand-offs between
// workers, the run's start and end), which the note gives per PATCH.
import { scrapeMetrics } from "./metrics-scrape";

export type SlotUse = { uses: number; waitedSeconds: number; busySeconds: number };

const NUMBER = String.raw`(\d+(?:\.\d+)?(?:e[+-]\d+)?)`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The sandbox's totals so far, from exposition text; undefined when no slot of it was used yet. */
export function parseSlotUse(text: string, sandbox: string): SlotUse | undefined {
  const label = `\\{sandbox="${escape(sandbox)}"\\}`;
  const read = (name: string) => {
    const match = new RegExp(String.raw`^s3console_${name}${label} ${NUMBER}$`, "m").exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const uses = read("rotation_slot_wait_seconds_count");
  const waitedSeconds = read("rotation_slot_wait_seconds_sum");
  const busySeconds = read("rotation_slot_busy_seconds_total");
  if (uses === undefined || waitedSeconds === undefined || busySeconds === undefined) return undefined;
  return { uses, waitedSeconds, busySeconds };
}

export function slotUseBetween(before: SlotUse | undefined, after: SlotUse): SlotUse {
  const from = before ?? { uses: 0, waitedSeconds: 0, busySeconds: 0 };
  return { uses: after.uses - from.uses, waitedSeconds: after.waitedSeconds - from.waitedSeconds, busySeconds: after.busySeconds - from.busySeconds };
}

export function readSlotUse(origin: string, token: string, sandbox: string): Promise<SlotUse | undefined> {
  return scrapeMetrics(origin, token, (text) => parseSlotUse(text, sandbox));
}

/** "its 8 slots were held 96 % of the run's 17.4 s: 127.5 ms per PATCH, 5.4 ms of slot time unused per PATCH; a PATCH waited 98.0 ms for its slot on average". */
export function describeSlotUse(use: SlotUse, slots: number, runMs: number): string {
  const capacity = (slots * runMs) / 1000;
  const perUse = (seconds: number) => `${((seconds * 1000) / use.uses).toFixed(1)} ms`;
  const unused = Math.max(0, capacity - use.busySeconds);
  return `its ${slots} slots were held ${Math.round((use.busySeconds / capacity) * 100)} % of the run's ${(runMs / 1000).toFixed(1)} s: ${perUse(use.busySeconds)} per PATCH, ${perUse(unused)} of slot time unused per PATCH; a PATCH waited ${perUse(use.waitedSeconds)} for its slot on average`;
}
