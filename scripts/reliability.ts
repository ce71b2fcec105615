// `npm run test:reliability`: fault injection, fuzzing and secret canaries (vitest project
// "reliability"), then one table of what they measured. Fails when the tests fail or when any
// must-be-zero column is not zero.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Tally } from "../tests/integration/reliability/tally";

const file = join(mkdtempSync(join(tmpdir(), "reliability-")), "tally.jsonl");
const run = spawnSync("npx", ["vitest", "run", "--project", "reliability", ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, RELIABILITY_REPORT_FILE: file } });
const rows: Tally[] = existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Tally) : [];

const total = rows.reduce(
  (sum, r) => ({ ...sum, faultsInjected: sum.faultsInjected + r.faultsInjected, actionsSurvived: sum.actionsSurvived + r.actionsSurvived, actions: sum.actions + r.actions, duplicates: sum.duplicates + r.duplicates, lostUpdates: sum.lostUpdates + r.lostUpdates, secretHits: sum.secretHits + r.secretHits, fuzzed: sum.fuzzed + r.fuzzed, serverErrorsOnFuzz: sum.serverErrorsOnFuzz + r.serverErrorsOnFuzz, internalHits: sum.internalHits + (r.internalHits ?? 0) }),
  { area: "total", faultsInjected: 0, actionsSurvived: 0, actions: 0, duplicates: 0, lostUpdates: 0, secretHits: 0, fuzzed: 0, serverErrorsOnFuzz: 0, internalHits: 0 } as Tally,
);

const header = ["area", "faults injected", "actions survived", "duplicates (0)", "lost updates (0)", "secret hits (0)", "fuzzed inputs", "500s on fuzz (0)", "internal hits (0)"];
const line = (r: Tally) => [r.area, r.faultsInjected, `${r.actionsSurvived}/${r.actions}`, r.duplicates, r.lostUpdates, r.secretHits, r.fuzzed, r.serverErrorsOnFuzz, r.internalHits ?? 0].map(String);
const table = [header, ...rows.map(line), line(total)];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
console.log("\nReliability report");
for (const [index, row] of table.entries()) {
  console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
  if (index === 0 || index === table.length - 2) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}

const zeroes = total.duplicates + total.lostUpdates + total.secretHits + total.serverErrorsOnFuzz + total.internalHits;
if (rows.length === 0) console.error("✖ no reliability tally was written");
if (zeroes > 0) console.error("✖ a must-be-zero column is not zero");
process.exit(run.status === 0 && rows.length > 0 && zeroes === 0 ? 0 : 1);
