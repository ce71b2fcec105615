// Which TCP connections this machine has had to a port, read from Linux's kernel tables. A socket
// that connected stays listed (FIN_WAIT, TIME_WAIT…) for about a minute after it closed, so a
// probe shows up even if it lasted a millisecond; the embedded database keeps no connection log.
import { existsSync, readFileSync } from "node:fs";

export const TCP_TABLES = ["/proc/net/tcp", "/proc/net/tcp6"];

export function canReadTcpTables(): boolean {
  return existsSync(TCP_TABLES[0]!);
}

/** Client-side sockets whose remote port is `port`, as "local->remote" keys with their state. */
export function connectionsTo(port: number): Map<string, string> {
  const found = new Map<string, string>();
  const wanted = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of TCP_TABLES) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const [, local, remote, state] = line.trim().split(/\s+/);
      if (local && remote?.endsWith(`:${wanted}`)) found.set(`${local}->${remote}`, state ?? "");
    }
  }
  return found;
}

const ESTABLISHED = "01";

/**
 * Sockets to `port` that appeared between two snapshots and are already closing or closed: a
 * connection made and dropped in between. A new pooled connection of the console stays
 * ESTABLISHED, so it is not counted.
 */
export function closedSince(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([key, state]) => !before.has(key) && state !== ESTABLISHED).map(([key]) => key);
}
