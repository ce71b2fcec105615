import { describe, expect, it } from "vitest";
import { rssBytes, treeRssBytes } from "../../../bench/processes";

describe("rssBytes", () => {
  it("reads the resident set and its parts from /proc, the parts within the whole", () => {
    const total = rssBytes(process.pid);
    const files = rssBytes(process.pid, "RssFile");
    const anonymous = rssBytes(process.pid, "RssAnon");
    // A Node process has its binary's code mapped, and heaps of its own.
    expect(files).toBeGreaterThan(1024 * 1024);
    expect(anonymous).toBeGreaterThan(1024 * 1024);
    // Read at slightly different moments, so within a few megabytes of adding up.
    expect(Math.abs(files + anonymous - total)).toBeLessThan(8 * 1024 * 1024);
    expect(treeRssBytes(process.pid, "RssFile")).toBeGreaterThanOrEqual(files);
  });

  it("is NaN for a process that is gone", () => {
    // Above PID_MAX_LIMIT (2^22): no Linux process can have this id.
    expect(rssBytes(2 ** 22 + 12_345)).toBeNaN();
    expect(rssBytes(2 ** 22 + 12_345, "RssFile")).toBeNaN();
  });
});
