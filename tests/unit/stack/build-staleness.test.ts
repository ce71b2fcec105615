// When `npm start` (and the test and bench scripts) rebuild the console: a missing build, a source
// changed after the build, and a source saved while the build ran, after the compiler had read it.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIsStale } from "@/scripts/stack/next-server";

const START = new Date("2026-12-04T12:29:46Z");
const END = new Date("2026-12-04T12:30:08Z");

let root: string;

/** Writes a file of the fake project with the given modification time. */
function file(path: string, at: Date): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, "x");
  utimesSync(full, at, at);
  // The folders' own times count as sources too: keep them out of the way.
  for (let folder = dirname(full); folder.startsWith(root) && folder !== root; folder = dirname(folder)) utimesSync(folder, START.getTime() / 1000 - 60, START.getTime() / 1000 - 60);
}

/** A finished build: started at START (`.next/package.json`), BUILD_ID written at END. */
function built(): void {
  file(".next/package.json", START);
  file(".next/standalone/server.js", END);
  file(".next/BUILD_ID", END);
}

describe("buildIsStale", () => {
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "build-staleness-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("asks for a build when there is none", () => {
    file("app/page.tsx", new Date(START.getTime() - 60_000));
    expect(buildIsStale(root)).toBe(true);
  });

  it("keeps a build made after every source changed", () => {
    file("app/page.tsx", new Date(START.getTime() - 60_000));
    built();
    expect(buildIsStale(root)).toBe(false);
  });

  it("rebuilds when a source changed after the build", () => {
    built();
    file("lib/domain/rule.ts", new Date(END.getTime() + 5_000));
    expect(buildIsStale(root)).toBe(true);
  });

  it("rebuilds when a source was saved while the build ran (older than BUILD_ID, newer than its start)", () => {
    built();
    file("app/(console)/runs/[id]/page.tsx", new Date(START.getTime() + 3_000));
    expect(buildIsStale(root)).toBe(true);
  });

  it("falls back to BUILD_ID's time for a build without the start marker", () => {
    built();
    rmSync(join(root, ".next/package.json"));
    file("app/page.tsx", new Date(START.getTime() + 3_000));
    expect(buildIsStale(root)).toBe(false);
  });
});
