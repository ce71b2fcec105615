// Wording shared by the Runs pages: states, modes and durations as a person reads them.
import { utcTime } from "@/lib/format/utc";
import { countOf, formatCount } from "@/lib/format/count";

export const STATE_LABELS: Record<string, string> = { waiting: "waiting", running: "running", done: "done", failed: "failed", conflict: "conflict", cancelled: "cancelled" };

export const STATE_TONES: Record<string, "neutral" | "good" | "warn" | "bad" | "info"> = {
  waiting: "neutral",
  running: "info",
  done: "good",
  failed: "bad",
  conflict: "warn",
  cancelled: "neutral",
  finished: "good",
};

export function modeLabel(mode: string): string {
  return mode === "sts" ? "STS-minted credentials" : "one session token";
}

export function selectionLabel(selection: unknown): string {
  const value = selection as { kind?: string; count?: number; query?: Record<string, string>; excluded?: { reason: string; count: number }[] } | null;
  const excluded = value?.excluded?.length ? ` (${value.excluded.map((e) => `${formatCount(e.count)} excluded: ${e.reason}`).join("; ")})` : "";
  if (value?.kind === "ids") return `${countOf(value.count ?? 0, "selected connection")}${excluded}`;
  // The planner's runs (lib/rotation-policy/plan.ts) hold only the connections whose policy made them due.
  if (value?.kind === "policy") return `${countOf(value.count ?? 0, "connection")} due under ${value.count === 1 ? "its" : "their"} rotation policy`;
  const filters = Object.entries(value?.query ?? {}).filter(([key]) => !["sort", "dir"].includes(key));
  return `${filters.length ? `filter ${filters.map(([key, val]) => `${key}=${val}`).join(", ")}` : "every connection of the sandbox"}${excluded}`;
}

export function utc(iso: string | null): string {
  return iso ? utcTime(iso) : "—";
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
