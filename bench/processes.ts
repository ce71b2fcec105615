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

function allProcesses(): ProcInfo[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((info): info is ProcInfo => info !== undefined);
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

/** Resident set size of one process in bytes (VmRSS), or NaN when it is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** RSS of a process and all its descendants. */
export function treeRssBytes(pid: number): number {
  return [pid, ...descendants(pid).map((info) => info.pid)].reduce((sum, one) => sum + (rssBytes(one) || 0), 0);
}

export function cpuModel(): string {
  try {
    return /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? "unknown CPU";
  } catch {
    return "unknown CPU";
  }
}
