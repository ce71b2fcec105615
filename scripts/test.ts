// `npm test`: every check the project has, in order of speed, with a timing table at the end.
// All steps run even after a failure, so one run shows everything that is red.
import { spawnSync } from "node:child_process";

type Step = { name: string; command: string[]; env?: Record<string, string> };

const integration = ["npx", "vitest", "run", "--project", "integration"];
const reliability = ["npx", "tsx", "scripts/reliability.ts"];
const STEPS: Step[] = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit", "-p", "."] },
  { name: "lint", command: ["npx", "eslint", ".", "--max-warnings", "0"] },
  { name: "unit", command: ["npx", "vitest", "run", "--project", "unit"] },
  // The same integration suite on both databases the console supports.
  { name: "integration:embedded", command: integration, env: { TEST_DB_TARGET: "embedded" } },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "integration:postgres", command: integration, env: { TEST_DB_TARGET: "postgres" } }] : []),
  // Fault injection, several console instances, database restarts: on both databases too.
  { name: "reliability:embedded", command: reliability, env: { TEST_DB_TARGET: "embedded" } },
  ...(process.env.TEST_DATABASE_URL ? [{ name: "reliability:postgres", command: reliability, env: { TEST_DB_TARGET: "postgres" } }] : []),
  { name: "e2e", command: ["npx", "tsx", "scripts/e2e.ts"] },
];

const only = process.argv.slice(2);
console.log(`Node.js ${process.version}`);
const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of STEPS.filter((s) => only.length === 0 || only.some((o) => s.name.startsWith(o)))) {
  console.log(`\n━━ ${step.name} ━━ ${step.command.join(" ")}`);
  const started = performance.now();
  const run = spawnSync(step.command[0]!, step.command.slice(1), { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", ...step.env } });
  results.push({ name: step.name, ok: run.status === 0, seconds: (performance.now() - started) / 1000 });
}

console.log(`\nNode.js ${process.version}\nstep                  result   seconds`);
for (const r of results) console.log(`${r.name.padEnd(22)}${(r.ok ? "pass" : "FAIL").padEnd(9)}${r.seconds.toFixed(1).padStart(7)}`);
if (!process.env.TEST_DATABASE_URL) console.log("\n(note) TEST_DATABASE_URL is not set: integration tests ran on the embedded PostgreSQL only.");
process.exit(results.every((r) => r.ok) ? 0 : 1);
