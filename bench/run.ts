// `npm run bench`: refreshes the bench's private copy of the working tree (see snapshot.ts), then
// runs the suite there with the conditions the app's server-only modules need. The results file
// is written back into this repository's bench/ folder. BENCH_IN_PLACE=1 skips the copy.
// With BENCH_DATABASE_URL (a PostgreSQL server's URL with the right to create databases), a second
// pass runs #1-#4 and #7-#8 on a fresh database of that server (dropped afterwards), writes
// bench/results-machine-db.json and prints both passes side by side.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { sideBySide } from "./side-by-side";
import { prepareSnapshot } from "./snapshot";

const root = process.cwd();
const inPlace = process.env.BENCH_IN_PLACE === "1";
const cwd = inPlace ? root : prepareSnapshot(root);
if (!inPlace) console.log(`[bench] running from a private copy of the working tree: ${cwd}`);
const resultsFile = process.env.BENCH_RESULTS_FILE ?? join(root, "bench", "results.json");
const machineResultsFile = resultsFile.replace(/\.json$/, "") + "-machine-db.json";
/** What the second pass measures (the "#1-#4 and #7-#8 on the machine's PostgreSQL"). */
const MACHINE_PASS = ["1", "2", "3", "4", "7", "8"];

let child: ReturnType<typeof spawn> | undefined;
// The suite stops the stack and exits on either signal (it may get Ctrl-C twice: that is fine).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child?.kill(signal));

function suite(env: NodeJS.ProcessEnv): Promise<number> {
  child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join("bench", "suite.ts")], { cwd, stdio: "inherit", env });
  return new Promise((resolve) => child!.on("exit", (code, signal) => resolve(code ?? (signal ? 130 : 1))));
}

async function machinePass(serverUrl: string): Promise<number> {
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim()).filter((s) => MACHINE_PASS.includes(s));
  if (only && only.length === 0) return 0;
  const name = `s3console_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    console.log(`\n[bench] second pass on the machine's PostgreSQL (database ${name}): #${(only ?? MACHINE_PASS).join(", #")}`);
    return await suite({ ...process.env, BENCH_EXTERNAL_DATABASE_URL: url.toString(), BENCH_ONLY: (only ?? MACHINE_PASS).join(","), BENCH_RESULTS_FILE: machineResultsFile });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error: unknown) => console.error(`[bench] could not drop ${name}: ${error instanceof Error ? error.message : String(error)}`));
    await admin.end();
  }
}

async function main(): Promise<number> {
  const code = await suite({ ...process.env, BENCH_RESULTS_FILE: resultsFile });
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (code !== 0 || !serverUrl) return code;
  const second = await machinePass(serverUrl);
  if (second !== 0) return second;
  console.log(`\nSide by side (ratios against floors of the same pass):\n\n${sideBySide(resultsFile, machineResultsFile)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
