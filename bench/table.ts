// The result rows every measurement returns, their budget check, and the printed table.

export type Budget = { op: "<=" | ">="; limit: number; unit: string };
export type Status = "met" | "MISSED" | "info" | "error";

export type Row = {
  /** Measurement number of the brief (1-8). */
  section: string;
  metric: string;
  /** What was measured, human-readable (e.g. "41.2 ms"). */
  measured: string;
  /** The floor it is compared with, measured in the same run. */
  floor: string;
  /** measured / floor (or the figure the budget is about). */
  ratio?: number;
  /** How to print the ratio; defaults to "1.23×". */
  ratioText?: string;
  budget?: Budget;
  status?: Status;
  note?: string;
};

export type Section = { section: string; title: string; rows: Row[]; details?: Record<string, unknown>; error?: string };

export function budgetStatus(row: Row): Status {
  if (row.status) return row.status;
  if (!row.budget || row.ratio === undefined) return "info";
  if (!Number.isFinite(row.ratio)) return "error";
  return (row.budget.op === "<=" ? row.ratio <= row.budget.limit : row.ratio >= row.budget.limit) ? "met" : "MISSED";
}

export function formatRatio(value: number | undefined, digits = 2): string {
  if (value === undefined) return "";
  return Number.isFinite(value) ? `${value.toFixed(digits)}×` : "n/a";
}

/**
 * A row's ratio as printed: two decimals, or as many more (up to four) as it takes not to put it
 * on the other side of its budget (0.8968 against ≥ 0.9 prints "0.897×", not "0.90×" beside MISSED).
 */
export function ratioTextOf(row: { ratio?: number | null; ratioText?: string; budget?: Budget }): string {
  if (row.ratioText) return row.ratioText;
  const { ratio, budget } = row;
  if (ratio === undefined || ratio === null) return "";
  if (!budget || !Number.isFinite(ratio)) return formatRatio(ratio);
  const met = (value: number) => (budget.op === "<=" ? value <= budget.limit : value >= budget.limit);
  let digits = 2;
  while (digits < 4 && met(Number(ratio.toFixed(digits))) !== met(ratio)) digits += 1;
  return formatRatio(ratio, digits);
}

export function formatBudget(budget: Budget | undefined): string {
  if (!budget) return "";
  return `${budget.op === "<=" ? "≤" : "≥"} ${budget.limit}${budget.unit}`;
}

export const ms = (value: number, digits = 1): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : "n/a");
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function renderTable(sections: Section[]): string {
  const header = ["#", "metric", "measured", "floor (same run)", "ratio", "budget", "status"];
  const body: string[][] = [];
  for (const section of sections) {
    if (section.error && section.rows.length === 0) {
      body.push([section.section, section.title, "", "", "", "", "error"]);
      continue;
    }
    for (const row of section.rows) {
      body.push([row.section, row.metric, row.measured, row.floor, ratioTextOf(row), formatBudget(row.budget), budgetStatus(row)]);
    }
  }
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...body.map((line) => line[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  ")];
  let previous = "";
  for (const cells of body) {
    if (previous && cells[0] !== previous) out.push("");
    previous = cells[0]!;
    out.push(line(cells));
  }
  const notes = sections.flatMap((section) => [
    ...(section.error ? [`[${section.section}] ${section.title}: ${section.error}`] : []),
    ...section.rows.filter((row) => row.note).map((row) => `[${row.section}] ${row.metric}: ${row.note}`),
  ]);
  if (notes.length) out.push("", "Notes:", ...notes.map((note) => `  ${note}`));
  return out.join("\n");
}
