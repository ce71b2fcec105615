// `npm run test:reliability`: fault injection, fuzzing and secret canaries (vitest project
// "reliability"), then one table of what they measured. Fails when the tests fail or when any
// must-be-zero column is not zero.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Tally } from "../tests/integration/reliability/tally";
import { buildConsole, buildIsStale } from "./stack/next-server";

// The multi-instance tests run the production build, as the local stack and the image do.
if (buildIsStale()) buildConsole((line) => console.log(line));
const file = join(mkdtempSync(join(tmpdir(), "reliability-")), "tally.jsonl");
const run = spawnSync("npx", ["vitest", "run", "--project", "reliability", ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, RELIABILITY_REPORT_FILE: file } });
const rows: Tally[] = existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Tally) : [];

const COUNTERS = ["faultsInjected", "actionsSurvived", "actions", "duplicates", "lostUpdates", "secretHits", "fuzzed", "serverErrorsOnFuzz", "internalHits", "instancesKilled", "restarts", "jobsLost", "jobsDoubled"] as const;
const total = rows.reduce((sum, r) => {
  for (const key of COUNTERS) sum[key] += r[key] ?? 0;
  return sum;
}, Object.fromEntries([["area", "total"], ...COUNTERS.map((key) => [key, 0])]) as Tally);

const header = ["area", "faults injected", "actions survived", "duplicates (0)", "lost updates (0)", "secret hits (0)", "fuzzed inputs", "500s on fuzz (0)", "internal hits (0)", "instances killed", "restarts", "jobs lost (0)", "jobs doubled (0)"];
const line = (r: Tally) => [r.area, r.faultsInjected, `${r.actionsSurvived}/${r.actions}`, r.duplicates, r.lostUpdates, r.secretHits, r.fuzzed, r.serverErrorsOnFuzz, r.internalHits ?? 0, r.instancesKilled ?? 0, r.restarts ?? 0, r.jobsLost ?? 0, r.jobsDoubled ?? 0].map(String);
const table = [header, ...rows.map(line), line(total)];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
console.log("\nReliability report");
for (const [index, row] of table.entries()) {
  console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
  if (index === 0 || index === table.length - 2) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}

const zeroes = total.duplicates + total.lostUpdates + total.secretHits + total.serverErrorsOnFuzz + total.internalHits + total.jobsLost + total.jobsDoubled;
if (rows.length === 0) console.error("✖ no reliability tally was written");
if (zeroes > 0) console.error("✖ a must-be-zero column is not zero");
process.exit(run.status === 0 && rows.length > 0 && zeroes === 0 ? 0 : 1);
