// bench/allocation-profile.ts reads V8's sampling heap profiles (freed objects included, or with
// `survivors` only what outlived scavenges): bytes by owner of the allocating code. Checked on a
// profile built by hand (exact sums), on profiles V8 took in this process with the tool's options,
// and end to end on another process (inspector-tools.test.ts).
import { Session } from "node:inspector/promises";
import { describe, expect, it } from "vitest";
import { allocationShares, samplingOptions, type SampledObjects } from "../../../bench/allocation-profile";

const node = (functionName: string, url: string, selfSize: number, children: unknown[] = [], lineNumber = 0) => ({ callFrame: { functionName, url, lineNumber }, selfSize, children });

// 64 MB of short-lived arrays, none kept: a heap snapshot afterwards would find none of them.
function makeGarbage(): number {
  let kept = 0;
  for (let i = 0; i < 8_192; i++) kept += new Array<number>(1_024).fill(i).length;
  return kept;
}

/** Runs `work` under V8's sampling heap profiler in this process, with the tool's options. */
async function profileInThisProcess<T>(objects: SampledObjects, work: () => T): Promise<{ profile: unknown; result: T }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("HeapProfiler.enable");
    await session.post("HeapProfiler.startSampling", samplingOptions(objects));
    // What `work` returns stays alive until the profile is taken.
    const result = work();
    const { profile } = await session.post("HeapProfiler.stopSampling");
    return { profile, result };
  } finally {
    session.disconnect();
  }
}

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
    const { profile, result } = await profileInThisProcess("all", makeGarbage);
    expect(result).toBe(8_192 * 1_024);
    const [top, bytes] = allocationShares(profile).topFunctions[0]!;
    expect(top).toMatch(/^makeGarbage /);
    // 8,192 arrays of 1,024 doubles or small integers: at least 4 bytes an element.
    expect(bytes).toBeGreaterThan(8_192 * 1_024 * 4 * 0.5);
  });

  it("with survivors, leaves out what scavenges freed and keeps what outlived them", async () => {
    // The same 64 MB of garbage, then 8 MB of arrays kept until the profile is taken.
    const { profile, result } = await profileInThisProcess("survivors", () => {
      makeGarbage();
      return Array.from({ length: 1_024 }, (_, i) => new Array<number>(1_024).fill(i));
    });
    expect(result).toHaveLength(1_024);
    const bytesOf = (name: RegExp) => allocationShares(profile, 1_000).topFunctions.filter(([label]) => name.test(label)).reduce((sum, [, bytes]) => sum + bytes, 0);
    const keptBytes = bytesOf(/^\(anonymous\) /);
    // Everything kept was sampled (at least 4 bytes an element); of 64 MB of garbage, at most the
    // little that was alive at a scavenge twice.
    expect(keptBytes).toBeGreaterThan(1_024 * 1_024 * 4 * 0.5);
    expect(bytesOf(/^makeGarbage /)).toBeLessThan(keptBytes);
  });
});
