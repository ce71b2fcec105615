// bench/cpu-split.ts says who used the cores during a measurement (#1b's note). Checked with real
// processes: this one burns CPU as "the server" (and is the bench's client too), a child started
// after the split began burns CPU as "the database" and must count from zero.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { describeCpuSplit, startCpuSplit } from "../../../bench/cpu-split";

/** Burns this much CPU time (not wall time: the machine may be busy with other tests). */
function burnCpu(ms: number): void {
  const start = process.cpuUsage();
  let spins = 0;
  while (process.cpuUsage(start).user / 1000 < ms) spins++;
  expect(spins).toBeGreaterThan(0);
}

// The child burns 250 ms of CPU, says so, then waits to be killed: its /proc entry stays readable.
const DATABASE_STAND_IN = "const s = process.cpuUsage(); while (process.cpuUsage(s).user < 250_000); process.stdout.write('done'); setTimeout(() => {}, 30_000);";

describe("startCpuSplit", () => {
  it("charges CPU to the server, a database process that started later, and the bench", async () => {
    const database: number[] = [];
    const stop = startCpuSplit(process.pid, () => database);
    const child = spawn(process.execPath, ["-e", DATABASE_STAND_IN], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      database.push(child.pid!);
      burnCpu(300);
      await new Promise((resolve) => child.stdout.once("data", resolve));
      const split = stop();

      // /proc counts in ticks of 10 ms.
      expect(split.serverMs).toBeGreaterThanOrEqual(290);
      expect(split.benchMs).toBeGreaterThanOrEqual(290);
      expect(split.databaseMs).toBeGreaterThanOrEqual(240);
      expect(split.wallMs).toBeGreaterThanOrEqual(290);
      expect(split.machineBusy).toBeGreaterThan(0);
      expect(split.machineBusy).toBeLessThanOrEqual(1);
      expect(split.machineSteal).toBeGreaterThanOrEqual(0);
      expect(split.machineSteal).toBeLessThan(1);
      expect(describeCpuSplit(split)).toMatch(/^the machine's cores \d+ % busy: the console server \d\.\d\d of a core, the database \d\.\d\d, the bench's own client \d\.\d\d$/);
    } finally {
      child.kill();
    }
  });

  it("counts nothing for a database with no processes", () => {
    const split = startCpuSplit(process.pid)();
    expect(split.databaseMs).toBe(0);
  });
});
