// `npm run bench`: refreshes the bench's private copy of the working tree (see snapshot.ts), then
// runs the suite there with the conditions the app's server-only modules need. The results file
// is written back into this repository's bench/ folder. BENCH_IN_PLACE=1 skips the copy.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { prepareSnapshot } from "./snapshot";

const root = process.cwd();
const inPlace = process.env.BENCH_IN_PLACE === "1";
const cwd = inPlace ? root : prepareSnapshot(root);
if (!inPlace) console.log(`[bench] running from a private copy of the working tree: ${cwd}`);

const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join("bench", "suite.ts")], {
  cwd,
  stdio: "inherit",
  env: { ...process.env, BENCH_RESULTS_FILE: process.env.BENCH_RESULTS_FILE ?? join(root, "bench", "results.json") },
});
// The suite stops the stack and exits on either signal (it may get Ctrl-C twice: that is fine).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
