/**
 * When a flow runs: `startTime` (epoch seconds), then every `interval` units of `frequency`
 * ("once" runs at startTime only). Run k is due at startTime + k × period. Pure functions.
 */
import type { Schedule } from "./dataflow-model";

/** How far back run history goes (older runs are no longer listed), like a monitoring window. */
export const RUN_RETENTION_MS = 90 * 86_400_000;

const UNIT_MS: Record<Exclude<Schedule["frequency"], "once">, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

export function periodMs(schedule: Schedule): number | undefined {
  return schedule.frequency === "once" ? undefined : UNIT_MS[schedule.frequency] * Math.max(1, schedule.interval);
}

export function runTime(schedule: Schedule, index: number): number {
  return schedule.startTime * 1000 + index * (periodMs(schedule) ?? 0);
}

/** Index of the last run due at or before `t`; -1 when none is due yet. */
export function lastIndexAtOrBefore(schedule: Schedule, t: number): number {
  const start = schedule.startTime * 1000;
  if (t < start) return -1;
  const period = periodMs(schedule);
  return period === undefined ? 0 : Math.floor((t - start) / period);
}

/** Index of the first run due strictly after `t`, or undefined when the schedule has no more. */
export function firstIndexAfter(schedule: Schedule, t: number): number | undefined {
  const start = schedule.startTime * 1000;
  if (t < start) return 0;
  return periodMs(schedule) === undefined ? undefined : lastIndexAtOrBefore(schedule, t) + 1;
}

/** Indexes of the runs due in (from, to], oldest first. */
export function indexesBetween(schedule: Schedule, fromExclusive: number, toInclusive: number): number[] {
  const first = firstIndexAfter(schedule, fromExclusive);
  const last = lastIndexAtOrBefore(schedule, toInclusive);
  if (first === undefined || last < first) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** When the next run after `t` is due, or undefined for a finished "once" schedule. */
export function nextRunAfter(schedule: Schedule, t: number): number | undefined {
  const index = firstIndexAfter(schedule, t);
  return index === undefined ? undefined : runTime(schedule, index);
}

/** Adobe's rule: "interval should be … equal or greater than 15 if frequency is set on a per minute basis". */
export function scheduleProblem(schedule: Schedule): string | undefined {
  if (!["once", "minute", "hour", "day", "week"].includes(schedule.frequency)) return "frequency must be once, minute, hour, day or week";
  if (!Number.isInteger(schedule.startTime) || schedule.startTime < 0) return "startTime must be epoch seconds";
  if (schedule.frequency !== "once" && (!Number.isInteger(schedule.interval) || schedule.interval < 1)) return "interval must be a positive integer";
  if (schedule.frequency === "minute" && schedule.interval < 15) return "interval must be at least 15 for a per-minute frequency";
  return undefined;
}
