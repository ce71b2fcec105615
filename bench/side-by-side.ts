// The comparison run.ts prints after a second pass on the machine's PostgreSQL (BENCH_DATABASE_URL):
// every row both passes measured, the embedded figures beside the machine's, from the two results files.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ratioTextOf } from "./table";

const resultsSchema = z.object({
  database: z.object({ kind: z.string(), version: z.string() }).optional(),
  sections: z.array(z.object({ section: z.string(), rows: z.array(z.object({ section: z.string(), metric: z.string(), measured: z.string(), ratio: z.number().nullish(), ratioText: z.string().optional(), budget: z.object({ op: z.enum(["<=", ">="]), limit: z.number(), unit: z.string() }).optional(), status: z.string() })) })),
});
type Results = z.infer<typeof resultsSchema>;

function load(file: string): Results {
  return resultsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** One line per row measured in both passes (matched by section and metric), as text. */
export function sideBySide(embeddedFile: string, machineFile: string): string {
  const embedded = load(embeddedFile);
  const machine = load(machineFile);
  const rows = (results: Results) => new Map(results.sections.flatMap((s) => s.rows).map((row) => [`${row.section}\u0000${row.metric}`, row]));
  const mine = rows(machine);
  const cell = (row: Results["sections"][number]["rows"][number]) => `${row.measured} (${ratioTextOf(row)}, ${row.status})`;
  const label = (results: Results, fallback: string) => (results.database ? `${results.database.kind} PostgreSQL ${results.database.version}` : fallback);
  const header = ["#", "metric", label(embedded, "embedded"), label(machine, "machine")];
  const body = [...rows(embedded)].filter(([key]) => mine.has(key)).map(([key, row]) => [row.section, row.metric, cell(row), cell(mine.get(key)!)]);
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...body.map((line) => line[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
