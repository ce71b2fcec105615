// bench/allocation-profile.ts reads V8's sampling heap profiles (freed objects included): bytes by
// owner of the allocating code. Checked on a profile built by hand (exact sums), on one V8 took in
// this process, and end to end on another process, as the tool is used on the console server.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("samples another process through its inspector, then closes the inspector again", async () => {
    const folder = mkdtempSync(join(tmpdir(), "allocation-profile-"));
    const out = join(folder, "child.heapprofile");
    // A process that makes garbage in a named function until it is stopped.
    const child = spawn(process.execPath, ["-e", "function churnForTheProfile(){let n=0;for(let i=0;i<2000;i++)n+=new Array(512).fill(i).length;return n}setInterval(churnForTheProfile,5)"], { stdio: "ignore" });
    try {
      const tool = spawn(process.execPath, ["--experimental-websocket", "--import", "tsx", "bench/allocation-profile.ts", String(child.pid), "1", `out=${out}`], { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      tool.stdout.on("data", (chunk) => (output += String(chunk)));
      tool.stderr.on("data", (chunk) => (output += String(chunk)));
      // "close", not "exit": the tool's output may still be in its pipes when it exits.
      const code = await new Promise((resolve) => tool.on("close", resolve));
      expect(output).toContain("by owner of the allocating code");
      expect(code).toBe(0);
      const shares = allocationShares(JSON.parse(readFileSync(out, "utf8")));
      expect(shares.topFunctions[0]![0]).toMatch(/^churnForTheProfile /);
      // The tool closed the inspector: nothing answers on its port any more.
      await expect(fetch("http://127.0.0.1:9229/json/list")).rejects.toThrow();
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
