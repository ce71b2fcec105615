// Who used the machine's CPU while a measurement ran: the console server, the database's
// processes, the bench's own client (this process), a browser's processes when one is driven, and
// the machine's cores as a whole. What says whether a row is bound by the server's one JavaScript
// thread, by the cores the stack shares, or by neither (then something waits). Linux only, like
// the rest of processes.ts.
import { cpuMs, cpuMsWithExitedChildren, machineCpuMs, parentPid } from "./processes";

export type CpuSplit = {
  wallMs: number;
  /** CPU time in ms over the measurement. */
  serverMs: number;
  databaseMs: number;
  benchMs: number;
  /** The browser's processes (0 when none was given). */
  browserMs: number;
  /** Every process of the machine, summed over its cores. */
  machineBusyMs: number;
  /** Share of all the machine's cores that was busy, 0..1, and the share the hypervisor stole. */
  machineBusy: number;
  machineSteal: number;
};

type GroupTimes = Map<number, { ms: number; parent: number | undefined }>;

/**
 * CPU time per process of a group, each with its exited children's (a browser's renderers, a
 * database's backends). Processes that appear later count from zero. One that exits during the
 * measurement moves its whole time to its parent once waited for: when that parent is in the group
 * too, what the process had used before the start is taken off again.
 */
function groupTimes(pids: number[]): GroupTimes {
  return new Map(pids.map((pid) => [pid, { ms: cpuMsWithExitedChildren(pid), parent: parentPid(pid) }]));
}

function groupSpent(before: GroupTimes, after: GroupTimes): number {
  let spent = 0;
  for (const [pid, now] of after) if (Number.isFinite(now.ms)) spent += now.ms - (before.get(pid)?.ms ?? 0);
  for (const [pid, then] of before) {
    const exited = !Number.isFinite(after.get(pid)?.ms ?? Number.NaN);
    if (exited && then.parent !== undefined && after.has(then.parent) && Number.isFinite(then.ms)) spent -= then.ms;
  }
  return spent;
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Starts counting; the returned function stops and gives the split. */
export function startCpuSplit(serverPid: number, databasePids: () => number[] = () => [], browserPids: () => number[] = () => []): () => CpuSplit {
  const started = performance.now();
  const server = cpuMs(serverPid);
  const database = groupTimes(databasePids());
  const browser = groupTimes(browserPids());
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
      browserMs: groupSpent(browser, groupTimes(browserPids())),
      machineBusyMs: after.busy - machine.busy,
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
