// bench/live-heap.ts: the server's answer is checked before it is printed, and the printed line
// puts each large heap space's figures before and after the collection side by side.
import { describe, expect, it } from "vitest";
import { describeCollection, parseReading, type HeapReading } from "../../../bench/live-heap";

const MB = 1024 * 1024;
const reading = (rss: number, spaces: [string, number, number][]): HeapReading => ({ rss: rss * MB, spaces: spaces.map(([name, used, size]) => ({ name, used: used * MB, size: size * MB })) });

describe("live-heap", () => {
  it("reads the server's figures and refuses anything else", () => {
    expect(parseReading(JSON.stringify({ rss: 5, spaces: [{ name: "old_space", used: 1, size: 2 }] }))).toEqual({ rss: 5, spaces: [{ name: "old_space", used: 1, size: 2 }] });
    expect(() => parseReading(undefined)).toThrow("no text");
    expect(() => parseReading(JSON.stringify({ rss: 5, spaces: [] }))).toThrow();
    expect(() => parseReading(JSON.stringify({ rss: -1, spaces: [{ name: "old_space", used: 1, size: 2 }] }))).toThrow();
  });

  it("prints RSS and each large space before → after, and sums the small spaces", () => {
    const before = reading(294, [
      ["old_space", 78, 105],
      ["new_space", 3.5, 32],
      ["large_object_space", 10, 11],
      ["code_space", 5, 6],
      ["read_only_space", 0.25, 0.25],
      ["trusted_space", 1, 2],
    ]);
    const after = reading(222, [
      ["old_space", 60, 62],
      ["new_space", 0, 1],
      ["large_object_space", 8, 8],
      ["code_space", 5, 6],
      ["read_only_space", 0.25, 0.25],
      ["trusted_space", 0.75, 2],
    ]);
    expect(describeCollection(before, after)).toBe(
      "rss 294.0 → 222.0 · old 78.0 of 105.0 → 60.0 of 62.0 · new 3.5 of 32.0 → 0.0 of 1.0 · large objects 10.0 of 11.0 → 8.0 of 8.0 · code 5.0 of 6.0 → 5.0 of 6.0 · other spaces 1.3 → 1.0 MB",
    );
  });

  it("shows a space this runtime does not have as empty rather than failing", () => {
    const only = reading(100, [["old_space", 40, 50]]);
    expect(describeCollection(only, only)).toContain("code 0.0 of 0.0 → 0.0 of 0.0");
  });
});
