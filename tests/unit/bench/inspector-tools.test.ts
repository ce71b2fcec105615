// The tools that attach to a running server's inspector (bench/allocation-profile.ts,
// bench/live-heap.ts), end to end on another process, as they are used on the console server.
// One file on purpose: both open the inspector on 127.0.0.1:9229, so their tests must not run at
// the same time (vitest runs the files in parallel and a file's tests one after the other).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allocationShares } from "../../../bench/allocation-profile";

/** Runs a bench tool with tsx and the WebSocket Node 20 needs; its exit code and all it printed. */
async function runTool(script: string, args: string[]): Promise<{ code: unknown; output: string }> {
  const tool = spawn(process.execPath, ["--experimental-websocket", "--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  tool.stdout.on("data", (chunk) => (output += String(chunk)));
  tool.stderr.on("data", (chunk) => (output += String(chunk)));
  // "close", not "exit": the tool's output may still be in its pipes when it exits.
  const code = await new Promise((resolve) => tool.on("close", resolve));
  return { code, output };
}

/** Whether anything still answers on the inspector's port. */
async function inspectorOpen(): Promise<boolean> {
  return fetch("http://127.0.0.1:9229/json/list").then(
    () => true,
    () => false,
  );
}

describe("the inspector tools on another process", () => {
  it("allocation-profile samples it, then closes the inspector again", async () => {
    const folder = mkdtempSync(join(tmpdir(), "allocation-profile-"));
    const out = join(folder, "child.heapprofile");
    // A process that makes garbage in a named function until it is stopped.
    const child = spawn(process.execPath, ["-e", "function churnForTheProfile(){let n=0;for(let i=0;i<2000;i++)n+=new Array(512).fill(i).length;return n}setInterval(churnForTheProfile,5)"], { stdio: "ignore" });
    try {
      const { code, output } = await runTool("bench/allocation-profile.ts", [String(child.pid), "1", `out=${out}`]);
      expect(output).toContain("by owner of the allocating code");
      expect(code).toBe(0);
      const shares = allocationShares(JSON.parse(readFileSync(out, "utf8")));
      expect(shares.topFunctions[0]![0]).toMatch(/^churnForTheProfile /);
      expect(await inspectorOpen()).toBe(false);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("live-heap reads it before and after a full collection: what it keeps survives, its garbage does not", async () => {
    // 40 MB kept (40 arrays of 131,072 doubles), and one array of 32 MB dropped at once; then the
    // process allocates nothing, so nothing but the tool's collection frees that garbage. Not even
    // V8 on its own: Node 24 collected it at once when the heap outgrew its small initial limit, so
    // the child starts with room for all of it and without the memory reducer, which collects a
    // heap that has stopped allocating.
    const child = spawn(process.execPath, ["--no-memory-reducer", "--initial-old-space-size=256", "-e", "globalThis.kept=Array.from({length:40},(_,i)=>new Array(131072).fill(i+0.5));let dropped=new Array(4194304).fill(0.5);dropped=null;setInterval(()=>{},1000)"], { stdio: "ignore" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { code, output } = await runTool("bench/live-heap.ts", [String(child.pid), "times=2", "every=0.2"]);
      expect(code).toBe(0);
      const lines = output.split("\n").filter((line) => /^\d\d:\d\d:\d\d  rss /.test(line));
      expect(lines).toHaveLength(2);
      // "large objects <used> of <reserved> → <used> of <reserved>", in MB.
      const figures = (line: string, label: string) => {
        const match = new RegExp(`${label} ([\\d.]+) of [\\d.]+ → ([\\d.]+) of`).exec(line);
        return { before: Number(match?.[1]), after: Number(match?.[2]) };
      };
      const first = figures(lines[0]!, "large objects");
      expect(first.before - first.after).toBeGreaterThan(30);
      for (const line of lines) {
        const kept = figures(line, "old").after + figures(line, "large objects").after;
        expect(kept).toBeGreaterThan(40);
        expect(kept).toBeLessThan(50);
      }
      expect(await inspectorOpen()).toBe(false);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });

  it("live-heap refuses a process that is not there, and a count that is not one", async () => {
    const gone = await runTool("bench/live-heap.ts", ["999999999"]);
    expect(gone.code).toBe(1);
    expect(gone.output).toContain("could not signal process 999999999: there is no such process");
    const badCount = await runTool("bench/live-heap.ts", ["1", "times=none"]);
    expect(badCount.code).toBe(1);
    expect(badCount.output).toContain('times must be a positive number, got "none"');
  });
});
