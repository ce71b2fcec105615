// bench/allocation-profile.ts reads V8's sampling heap profiles (freed objects included): bytes by
// owner of the allocating code. Checked on a profile built by hand (exact sums), on one V8 took in
// this process, and end to end on another process (inspector-tools.test.ts).
import { Session } from "node:inspector/promises";
import { describe, expect, it } from "vitest";
import { allocationShares } from "../../../bench/allocation-profile";

const node = (functionName: string, url: string, selfSize: number, children: unknown[] = [], lineNumber = 0) => ({ callFrame: { functionName, url, lineNumber }, selfSize, children });

describe("allocationShares", () => {
  it("sums every node's bytes by owner, however deep, and names the functions that allocated most", () => {
    const profile = {
      head: node("(root)", "", 0, [
        node("query", "file:///a/node_modules/pg/lib/client.js", 4_096, [node("parse", "file:///a/node_modules/pg-protocol/dist/parser.js", 8_192, [], 41)], 9),
        node("emit", "node:events", 2_048, [node("subarray", "", 1_024)], 470),
      ]),
      samples: [],
    };
    const shares = allocationShares(profile);
    expect(shares.totalBytes).toBe(15_360);
    expect(shares.byOwner).toEqual([
      ["pg-protocol", 8_192],
      ["pg", 4_096],
      ["Node's own modules", 2_048],
      ["native built-ins", 1_024],
    ]);
    expect(shares.topFunctions[0]).toEqual(["parse pg-protocol/dist/parser.js:42", 8_192]);
  });

  it("refuses a file that is not a heap profile", () => {
    expect(() => allocationShares({ nodes: [], samples: [], timeDeltas: [] })).toThrow();
  });

  it("counts the garbage a function made in a profile V8 took, not only what survived", async () => {
    // 64 MB of short-lived arrays, none kept: a heap snapshot afterwards would find none of them.
    function makeGarbage(): number {
      let kept = 0;
      for (let i = 0; i < 8_192; i++) kept += new Array<number>(1_024).fill(i).length;
      return kept;
    }
    const session = new Session();
    session.connect();
    try {
      await session.post("HeapProfiler.enable");
      await session.post("HeapProfiler.startSampling", { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      expect(makeGarbage()).toBe(8_192 * 1_024);
      const { profile } = await session.post("HeapProfiler.stopSampling");
      const shares = allocationShares(profile);
      const [top, bytes] = shares.topFunctions[0]!;
      expect(top).toMatch(/^makeGarbage /);
      // 8,192 arrays of 1,024 doubles or small integers: at least 4 bytes an element.
      expect(bytes).toBeGreaterThan(8_192 * 1_024 * 4 * 0.5);
    } finally {
      session.disconnect();
    }
  });
});
