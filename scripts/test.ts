// `npm test`: every check the project has, in order of speed, with a timing table at the end.
// All steps run even after a failure, so one run shows everything that is red.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { failedTests } from "./failed-tests";

/** `vitest: true` steps also write vitest's JSON report, so the end of the output can name what failed. */
type Step = { name: string; command: string[]; env?: Record<string, string>; vitest?: boolean };

const integration = ["npx", "vitest", "run", "--project", "integration"];
const reliability = ["npx", "tsx", "scripts/reliability.ts"];
const STEPS: Step[] = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit", "-p", "."] },
  { name: "lint", command: ["npx", "eslint", ".", "--max-warnings", "0"] },
  { name: "unit", command: ["npx", "vitest", "run", "--project", "unit"], vitest: true },
  // The same integration suite on both databases the console supports.
  { name: "integration:embedded", command: integration, env: { TEST_DB_TARGET: "embedded" }, vitest: true },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "integration:postgres", command: integration, env: { TEST_DB_TARGET: "postgres" }, vitest: true }] : []),
  // Fault injection, several console instances, database restarts: on both databases too.
  { name: "reliability:embedded", command: reliability, env: { TEST_DB_TARGET: "embedded" }, vitest: true },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "reliability:postgres", command: reliability, env: { TEST_DB_TARGET: "postgres" }, vitest: true }] : []),
  { name: "e2e", command: ["npx", "tsx", "scripts/e2e.ts"] },
];

const only = process.argv.slice(2);
console.log(`Node.js ${process.version}`);
const reports = mkdtempSync(join(tmpdir(), "npm-test-"));
const results: { name: string; ok: boolean; seconds: number; failed: string[] }[] = [];
for (const step of STEPS.filter((s) => only.length === 0 || only.some((o) => s.name.startsWith(o)))) {
  const report = join(reports, `${step.name.replace(":", "-")}.json`);
  const command = step.vitest ? [...step.command, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`] : step.command;
  console.log(`\n━━ ${step.name} ━━ ${command.join(" ")}`);
  const started = performance.now();
  const run = spawnSync(command[0]!, command.slice(1), { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", ...step.env } });
  const ok = run.status === 0;
  results.push({ name: step.name, ok, seconds: (performance.now() - started) / 1000, failed: ok || !step.vitest ? [] : failedTests(report) });
}

console.log(`\nNode.js ${process.version}\nstep                  result   seconds`);
for (const r of results) console.log(`${r.name.padEnd(22)}${(r.ok ? "pass" : "FAIL").padEnd(9)}${r.seconds.toFixed(1).padStart(7)}`);
for (const r of results.filter((result) => result.failed.length > 0)) console.log(`\n✖ ${r.name}: ${r.failed.length} failed\n  ${r.failed.join("\n  ")}`);
if (!process.env.TEST_DATABASE_URL) console.log("\n(note) TEST_DATABASE_URL is not set: integration tests ran on the embedded PostgreSQL only.");
process.exit(results.every((r) => r.ok) ? 0 : 1);
