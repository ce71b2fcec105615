// Counts as people read them in English: "10,000". Written without Intl on purpose: a page's first
// call to `toLocaleString` or `Intl.NumberFormat` loads ICU's locale data, 18–28 ms of the browser's
// main thread in Chromium on the bench's machines (about 100 ms on Lighthouse's simulated phone),
// and the inventory made that call while it hydrated (bench/HISTORY.md, *The inventory's first
// `toLocaleString`*).

/** A whole number with commas between groups of three digits; a fraction is rounded first. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const whole = Math.round(Math.abs(value));
  // Past 2^53 the digits are no longer exact (and past 1e21 String() writes an exponent): no count
  // of the console comes near.
  if (!Number.isSafeInteger(whole)) return String(value);
  const grouped = String(whole).replace(/\B(?=(\d{3})+$)/g, ",");
  return value < 0 && whole !== 0 ? `-${grouped}` : grouped;
}

/** "1 connection", "10,000 connections": a count with its noun, plural unless the count is one. */
export function countOf(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(value)} ${value === 1 ? singular : plural}`;
}
