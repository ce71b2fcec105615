// Finding the stack's processes (the console server, the embedded database) in /proc and
// reading their resident memory. Linux only, like the machines this bench runs on.
import { readdirSync, readFileSync } from "node:fs";

type ProcInfo = { pid: number; ppid: number; cmdline: string };

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: the fields after it are fixed.
    const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ppid = Number(afterName[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { pid, ppid, cmdline };
  } catch {
    return undefined; // exited meanwhile
  }
}

export function allProcesses(): ProcInfo[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((info): info is ProcInfo => info !== undefined);
}

/** The parent of a process, or undefined when it is gone. */
export function parentPid(pid: number): number | undefined {
  return readProc(pid)?.ppid;
}

/** Descendants of `root` (children, grandchildren...), root excluded. */
export function descendants(root: number): ProcInfo[] {
  const all = allProcesses();
  const out: ProcInfo[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const info of all) {
      if (info.ppid === parent) {
        out.push(info);
        queue.push(info.pid);
      }
    }
  }
  return out;
}

/** The first descendant of this process whose command line matches. */
export function findDescendant(match: (cmdline: string) => boolean): number | undefined {
  return descendants(process.pid).find((info) => match(info.cmdline))?.pid;
}

/**
 * Resident memory of one process in bytes, NaN when it is gone: its resident set size (VmRSS) and
 * the part of it that is pages of mapped files (RssFile: the Node binary's code and the shared
 * libraries, which an idle process has only partly touched), read from one /proc status.
 */
export function residentMemory(pid: number): { rss: number; files: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const bytes = (field: string) => {
      const kb = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1];
      return kb ? Number(kb) * 1024 : Number.NaN;
    };
    return { rss: bytes("VmRSS"), files: bytes("RssFile") };
  } catch {
    return { rss: Number.NaN, files: Number.NaN };
  }
}

/** Resident set size of one process in bytes (VmRSS), or NaN when it is gone. */
export function rssBytes(pid: number): number {
  return residentMemory(pid).rss;
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux this bench runs on). */
const TICKS_PER_SECOND = 100;

/** CPU time a process has used so far, user and system, in milliseconds (NaN when it is gone). */
export function cpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`);
}

/**
 * The same for a process's main thread alone: in Node, its JavaScript (the rest is V8's collector
 * and compiler threads and libuv's pool).
 */
export function mainThreadCpuMs(pid: number): number {
  return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

/**
 * The same plus the CPU time of its children that have exited and been waited for (cutime and
 * cstime): a browser replaces its renderers between pages and PostgreSQL ends a backend with each
 * closed connection, and their time would otherwise leave the count with them.
 */
export function cpuMsWithExitedChildren(pid: number): number {
  return statCpuMs(`/proc/${pid}/stat`, true);
}

function statCpuMs(path: string, withExitedChildren = false): number {
  try {
    const stat = readFileSync(path, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, cutime and cstime are fields 14 to 17 of the line, 12 to 15 after the name and state.
    const ticks = Number(fields[11]) + Number(fields[12]) + (withExitedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * The whole machine's CPU time so far, in milliseconds summed over its cores (/proc/stat): busy
 * (user, system, interrupts), stolen by the hypervisor for other machines, and total.
 */
export function machineCpuMs(): { busy: number; steal: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq!;
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND;
  return { busy: ms(busy), steal: ms(steal!), total: ms(busy + steal! + idle! + iowait!) };
}

/** Resident memory of a process and all its descendants, summed (one walk of /proc for both figures). */
export function treeResidentMemory(pid: number): { rss: number; files: number } {
  return [pid, ...descendants(pid).map((info) => info.pid)]
    .map(residentMemory)
    .reduce((sum, one) => ({ rss: sum.rss + (one.rss || 0), files: sum.files + (one.files || 0) }), { rss: 0, files: 0 });
}

export function cpuModel(): string {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? "unknown CPU";
  } catch {
    return "unknown CPU";
  }
}

/**
 * Proportional set size of one process in bytes (Pss from smaps_rollup), or NaN when it is gone.
 * PostgreSQL's backends all map the same shared buffers: RSS counts those pages once per backend,
 * PSS splits each shared page between the processes that map it, so PSS summed over the server's
 * processes is the memory the server really holds.
 */
export function pssBytes(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = /^Pss:\s+(\d+)\s+kB/m.exec(rollup)?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * The embedded PostgreSQL's processes: the postmaster (the `postgres -D <dir>` process below the
 * supervisor) and its children (backends, checkpointer, WAL writer...). The supervisor itself is
 * a Node process of the stack, not the database, and is left out.
 */
export function postgresProcesses(supervisorPid: number): number[] {
  const postmaster = descendants(supervisorPid).find((info) => /(^|\/)postgres\s/.test(info.cmdline) && / -D /.test(info.cmdline));
  return postmaster ? [postmaster.pid, ...descendants(postmaster.pid).map((info) => info.pid)] : [];
}

/** Memory of a group of processes: RSS summed and PSS summed, in bytes, and how many there were. */
export function groupMemory(pids: number[]): { rss: number; pss: number; processes: number } {
  return pids.reduce((sum, pid) => ({ rss: sum.rss + (rssBytes(pid) || 0), pss: sum.pss + (pssBytes(pid) || 0), processes: sum.processes + 1 }), { rss: 0, pss: 0, processes: 0 });
}

/**
 * The backends of one database on a PostgreSQL server the bench did not start (BENCH_DATABASE_URL):
 * processes titled "postgres: <cluster>: <user> <database> <client> <state>". The server's shared
 * processes (checkpointer, WAL writer...) serve every database on it and are left out.
 */
export function backendsOfDatabase(database: string): number[] {
  const escaped = database.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const title = new RegExp(`^postgres: .* ${escaped} `);
  return allProcesses().filter((info) => title.test(info.cmdline)).map((info) => info.pid);
}
