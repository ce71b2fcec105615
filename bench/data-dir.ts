// A fresh temporary data folder for the embedded PostgreSQL of a bench run.
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function makeBenchDataDir(prefix: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  // mkdtemp makes the folder 0700; run as root, the embedded PostgreSQL runs as the system user
  // postgres (DEVELOPERS.md, "Embedded database"), which must be able to reach its data folder.
  chmodSync(dataDir, 0o755);
  return dataDir;
}
