// bench/profile-shares.ts reads the console server's V8 CPU profiles: self time by owner of the
// code, idle left out. Checked on a profile built by hand (exact sums) and on one V8 really took.
import { Session } from "node:inspector/promises";
import { describe, expect, it } from "vitest";
import { callerChains, owner, profileShares } from "../../../bench/profile-shares";

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe("owner", () => {
  it.each([
    [frame("(garbage collector)", ""), "garbage collector"],
    [frame("(idle)", ""), "idle"],
    [frame("(program)", ""), "native and runtime (program)"],
    [frame("writev", ""), "native built-ins"],
    [frame("emit", "node:events"), "Node's own modules"],
    [frame("query", "file:///srv/app/node_modules/pg/lib/client.js"), "pg"],
    [frame("request", "file:///srv/app/node_modules/@prisma/client/runtime/client.js"), "@prisma/client"],
    [frame("e7", "file:///srv/app/node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js"), "next (app render runtime: React server and Next's render)"],
    [frame("handleRequest", "file:///srv/app/node_modules/next/dist/server/next-server.js"), "next"],
    [frame("t", "file:///srv/app/.next/server/chunks/ssr/_0blcqlrnn1paz._.js"), "app chunks, SSR (the app's code and its bundled libraries)"],
    [frame("t", "file:///srv/app/.next/server/app/(console)/connections/page.js"), "app chunks, RSC and routes (the app's code and its bundled libraries)"],
  ])("%o belongs to %s", (input, expected) => {
    expect(owner(input)).toBe(expected);
  });
});

describe("profileShares", () => {
  it("charges each sample's time delta to its node, leaves idle out and sorts by time", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", "") },
        { id: 2, callFrame: frame("(idle)", "") },
        { id: 3, callFrame: frame("query", "file:///a/node_modules/pg/lib/client.js", 9) },
        { id: 4, callFrame: frame("emit", "node:events", 470) },
        { id: 5, callFrame: frame("(garbage collector)", "") },
      ],
      samples: [2, 3, 4, 3, 5, 2],
      // microseconds: idle 1,000 + 7,000 left out; pg 2,000 + 3,000; events 4,000; GC 500
      timeDeltas: [1_000, 2_000, 4_000, 3_000, 500, 7_000],
    };
    const shares = profileShares(profile);
    expect(shares.totalMs).toBeCloseTo(9.5);
    expect(shares.byOwner).toEqual([
      ["pg", 5],
      ["Node's own modules", 4],
      ["garbage collector", 0.5],
    ]);
    expect(shares.topFunctions[0]).toEqual(["query pg/lib/client.js:10", 5]);
  });

  it("keeps only the samples of a window, and counts busy time per second for the timeline", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(idle)", "") },
        { id: 2, callFrame: frame("render", "file:///a/node_modules/next/dist/server/render.js") },
        { id: 3, callFrame: frame("emit", "node:events") },
      ],
      // Sample times: 0.5 s (next), 1.2 s (idle), 1.8 s (events), 2.5 s (next).
      samples: [2, 1, 3, 2],
      timeDeltas: [500_000, 700_000, 600_000, 700_000],
    };
    const windowed = profileShares(profile, { fromS: 1, toS: 2 });
    expect(windowed.byOwner).toEqual([["Node's own modules", 600]]);
    expect(profileShares(profile, { fromS: 2 }).byOwner).toEqual([["next", 700]]);
    expect(profileShares(profile).busyPerSecondMs).toEqual([500, 600, 700]);
  });

  it("callerChains: who called a function, with the time it spent in what it called, outermost calls only", () => {
    // (root) → handle → abort → DOMException (3 ms) → captureStack (2 ms)
    // (root) → pipeline → abort (1 ms) → abort (recursive) → DOMException (4 ms)
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2, 6] },
        { id: 2, callFrame: frame("handle", "file:///a/node_modules/next/dist/server/router.js"), children: [3] },
        { id: 3, callFrame: frame("abort", "node:internal/abort_controller"), children: [4] },
        { id: 4, callFrame: frame("DOMException", "node:internal/per_context/domexception"), children: [5] },
        { id: 5, callFrame: frame("captureStack", "") },
        { id: 6, callFrame: frame("pipeline", "node:internal/streams/pipeline"), children: [7] },
        { id: 7, callFrame: frame("abort", "node:internal/abort_controller"), children: [8] },
        { id: 8, callFrame: frame("abort", "node:internal/abort_controller"), children: [9] },
        { id: 9, callFrame: frame("DOMException", "node:internal/per_context/domexception") },
      ],
      samples: [4, 5, 7, 9],
      timeDeltas: [3_000, 2_000, 1_000, 4_000],
    };
    expect(callerChains(profile, "abort ")).toEqual([
      ["abort node:internal/abort_controller:1  ←  handle next/dist/server/router.js:1  ←  (root)", 5],
      ["abort node:internal/abort_controller:1  ←  pipeline streams/pipeline:1  ←  (root)", 5],
    ]);
    expect(callerChains(profile, "DOMException", {}, 1)).toEqual([
      ["DOMException per_context/domexception:1  ←  abort node:internal/abort_controller:1", 9],
    ]);
    // A window that holds only the last sample.
    expect(callerChains(profile, "pipeline", { fromS: 0.0095 })).toEqual([["pipeline streams/pipeline:1  ←  (root)", 4]]);
    expect(callerChains(profile, "nothing of the kind")).toEqual([]);
  });

  it("refuses a file that is not a CPU profile", () => {
    expect(() => profileShares({ nodes: [] })).toThrow();
  });

  it("finds the function that burned the time in a profile V8 took", async () => {
    // Pure arithmetic, the clock read rarely: a sample that lands in a native call (a clock read)
    // may be charged elsewhere on some Node versions, and a busy machine (the whole suite runs
    // beside this) stretches wall time, so the loop stops on this thread's CPU time.
    function burnTheCpu(): number {
      const start = process.cpuUsage();
      let x = 1;
      for (;;) {
        for (let i = 0; i < 200_000; i++) x = (x * 31 + i) % 1_000_003;
        if (process.cpuUsage(start).user >= 150_000) return x;
      }
    }
    const session = new Session();
    session.connect();
    try {
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 100 });
      await session.post("Profiler.start");
      const result = burnTheCpu();
      const { profile } = await session.post("Profiler.stop");
      const shares = profileShares(profile);
      expect(result).toBeGreaterThanOrEqual(0);
      const [top, ms] = shares.topFunctions[0]!;
      expect(top).toMatch(/^burnTheCpu /);
      expect(ms).toBeGreaterThan(shares.totalMs / 2);
    } finally {
      session.disconnect();
    }
  });
});
