import { describe, expect, it } from "vitest";
import { residentMemory, rssBytes, treeResidentMemory } from "../../../bench/processes";

describe("residentMemory", () => {
  it("reads a process's resident set and the part of it that is mapped files", () => {
    const { rss, files } = residentMemory(process.pid);
    // A Node process has its binary's code mapped, and heaps of its own besides.
    expect(files).toBeGreaterThan(1024 * 1024);
    expect(rss - files).toBeGreaterThan(1024 * 1024);
    // Read at slightly different moments, so within a few megabytes of each other.
    expect(Math.abs(rssBytes(process.pid) - rss)).toBeLessThan(8 * 1024 * 1024);
    expect(treeResidentMemory(process.pid).files).toBeGreaterThanOrEqual(files);
  });

  it("is NaN for a process that is gone", () => {
    // Above PID_MAX_LIMIT (2^22): no Linux process can have this id.
    const gone = 2 ** 22 + 12_345;
    expect(residentMemory(gone)).toEqual({ rss: Number.NaN, files: Number.NaN });
    expect(rssBytes(gone)).toBeNaN();
    expect(treeResidentMemory(gone)).toEqual({ rss: 0, files: 0 });
  });
});
