// Moments as people read them in the console's pages and messages: always UTC, "2026-12-04
// 13:25:01 UTC", or to the minute where seconds would only be noise (expiries, schedules). Data,
// audit details and the API keep the machine-readable ISO form.

type Precision = "second" | "minute";

export function utcTime(at: Date | string | number, precision: Precision = "second"): string {
  return `${utcClock(at, precision)} UTC`;
}

/** The same without " UTC", for a column whose header already says so (the audit log's "Time (UTC)"). */
export function utcClock(at: Date | string | number, precision: Precision = "second"): string {
  return new Date(at).toISOString().replace("T", " ").slice(0, precision === "second" ? 19 : 16);
}
