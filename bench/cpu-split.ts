// Who used the machine's CPU while a measurement ran: the console server, the database's
// processes, the bench's own client (this process), and the machine's cores as a whole. What says
// whether a row is bound by the server's one JavaScript thread, by the cores the stack shares, or by
// neither (then something waits). Linux only, like the rest of processes.ts.
import { cpuMs, machineCpuMs } from "./processes";

export type CpuSplit = {
  wallMs: number;
  /** CPU time in ms over the measurement. */
  serverMs: number;
  databaseMs: number;
  benchMs: number;
  /** Share of all the machine's cores that was busy, 0..1, and the share the hypervisor stole. */
  machineBusy: number;
  machineSteal: number;
};

/** CPU time per process of a group; processes that appear later count from zero. */
function groupTimes(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuMs(pid)]));
}

function groupSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, now] of after) if (Number.isFinite(now)) spent += now - (before.get(pid) ?? 0);
  return spent;
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Starts counting; the returned function stops and gives the split. */
export function startCpuSplit(serverPid: number, databasePids: () => number[] = () => []): () => CpuSplit {
  const started = performance.now();
  const server = cpuMs(serverPid);
  const database = groupTimes(databasePids());
  const bench = ownCpuMs();
  const machine = machineCpuMs();
  return () => {
    const after = machineCpuMs();
    const total = after.total - machine.total;
    return {
      wallMs: performance.now() - started,
      serverMs: cpuMs(serverPid) - server,
      databaseMs: groupSpent(database, groupTimes(databasePids())),
      benchMs: ownCpuMs() - bench,
      machineBusy: total > 0 ? (after.busy - machine.busy) / total : Number.NaN,
      machineSteal: total > 0 ? (after.steal - machine.steal) / total : Number.NaN,
    };
  };
}

/** "cores 96 % busy: the console server 1.00 core, the database 0.52, the bench's client 0.38" */
export function describeCpuSplit(split: CpuSplit): string {
  const cores = (ms: number) => (ms / split.wallMs).toFixed(2);
  return `the machine's cores ${(split.machineBusy * 100).toFixed(0)} % busy: the console server ${cores(split.serverMs)} of a core, the database ${cores(split.databaseMs)}, the bench's own client ${cores(split.benchMs)}`;
}
