// Times in the dataflow views: an absolute UTC time people can compare with AEP's UI, and a short
// relative form for tables.
import { utcTime } from "@/lib/format/utc";

export function utc(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? "—" : utcTime(ms, "minute");
}

export function ago(ms: number | null | undefined, now: number): string {
  if (ms === null || ms === undefined) return "—";
  const diff = ms - now;
  const abs = Math.abs(diff);
  const [value, unit] = abs < 60_000 ? [Math.max(1, Math.round(abs / 1000)), "s"] : abs < 3_600_000 ? [Math.round(abs / 60_000), "min"] : abs < 86_400_000 ? [Math.round(abs / 3_600_000), "h"] : [Math.round(abs / 86_400_000), "d"];
  return diff < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}
