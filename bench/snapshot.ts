// The bench runs from a private copy of the working tree, kept between runs in the temp folder:
// sources copied with their modification times (so "build when stale" works as in the repo),
// node_modules hard-linked (no copy, no symlink for the bundler to refuse), and a .next of its
// own. A build started elsewhere (another terminal's `npm test`) then cannot replace .next under
// the server being measured, and the bench's own build never replaces yours.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SNAPSHOT_DIR = process.env.BENCH_TREE ?? join(tmpdir(), "s3console-bench-tree");

const EXCLUDED = ["/node_modules", "/.next", "/.data", "/.git", "/test-results", "/playwright-report", "*.tsbuildinfo", "/bench/results.json", "/bench/results-machine-db.json"];

function rsync(args: string[]): void {
  const result = spawnSync("rsync", args, { stdio: ["ignore", "inherit", "inherit"] });
  if (result.error) throw new Error(`rsync could not run (${result.error.message}): install it (apt-get install rsync) or set BENCH_IN_PLACE=1`);
  if (result.status !== 0) throw new Error(`rsync failed with code ${result.status}`);
}

/** Brings the private copy up to date with `root` and returns its path. */
export function prepareSnapshot(root: string): string {
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  rsync(["-a", "--delete", ...EXCLUDED.map((pattern) => `--exclude=${pattern}`), `${root}/`, `${SNAPSHOT_DIR}/`]);
  rsync(["-a", "--delete", `--link-dest=${join(root, "node_modules")}`, `${join(root, "node_modules")}/`, `${join(SNAPSHOT_DIR, "node_modules")}/`]);
  return SNAPSHOT_DIR;
}
