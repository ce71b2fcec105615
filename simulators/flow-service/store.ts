/**
 * In-memory connections, partitioned by sandbox. Every mutation calls `onChange` so the
 * persistence layer can schedule a write. Objects handed out are copies: callers cannot
 * mutate the store behind its back.
 */
import type { DataflowSnapshot } from "./dataflow-store";
import type { StoredConnection } from "./types";

export interface StoreSnapshot {
  version: 1;
  sandboxes: Record<string, StoredConnection[]>;
  /** Source connections, flows and live runs (absent in files written before they existed). */
  dataflows?: DataflowSnapshot;
}

export class ConnectionStore {
  private readonly bySandbox = new Map<string, Map<string, StoredConnection>>();
  /** Views derived from a sandbox's connections (listing orders), dropped when it changes. */
  private readonly derivedViews = new Map<string, Map<string, unknown>>();

  constructor(
    readonly sandboxes: readonly string[],
    private readonly onChange: () => void = () => {},
  ) {
    for (const name of sandboxes) this.bySandbox.set(name, new Map());
  }

  hasSandbox(name: string): boolean {
    return this.bySandbox.has(name);
  }

  list(sandbox: string): StoredConnection[] {
    return [...(this.bySandbox.get(sandbox)?.values() ?? [])].map(copy);
  }

  count(sandbox?: string): number {
    if (sandbox !== undefined) return this.bySandbox.get(sandbox)?.size ?? 0;
    let total = 0;
    for (const map of this.bySandbox.values()) total += map.size;
    return total;
  }

  get(sandbox: string, id: string): StoredConnection | undefined {
    const found = this.bySandbox.get(sandbox)?.get(id);
    return found ? copy(found) : undefined;
  }

  /**
   * A view that `build` derives from the sandbox's connections, kept until the sandbox next
   * changes. Listings use it for their order: sorting 10,000 connections for each page made a
   * listing's cost grow with the square of the sandbox, where Flow Service reads an index. The
   * items are the store's own, so `build` and its callers read them and never change them.
   */
  derived<T>(sandbox: string, key: string, build: (items: readonly Readonly<StoredConnection>[]) => T): T {
    let views = this.derivedViews.get(sandbox);
    if (!views) this.derivedViews.set(sandbox, (views = new Map()));
    if (!views.has(key)) views.set(key, build([...(this.bySandbox.get(sandbox)?.values() ?? [])]));
    return views.get(key) as T;
  }

  /** Look an id up in every sandbox (control API only). */
  findAnywhere(id: string): StoredConnection | undefined {
    for (const map of this.bySandbox.values()) {
      const found = map.get(id);
      if (found) return copy(found);
    }
    return undefined;
  }

  /** Insert or replace. */
  put(connection: StoredConnection): void {
    this.partition(connection.sandboxName).set(connection.id, copy(connection));
    this.derivedViews.delete(connection.sandboxName);
    this.onChange();
  }

  /** Bulk insert without one change notification per item (seeding). */
  putMany(connections: StoredConnection[]): void {
    for (const connection of connections) {
      this.partition(connection.sandboxName).set(connection.id, copy(connection));
      this.derivedViews.delete(connection.sandboxName);
    }
    if (connections.length > 0) this.onChange();
  }

  remove(sandbox: string, id: string): boolean {
    const removed = this.bySandbox.get(sandbox)?.delete(id) ?? false;
    if (removed) {
      this.derivedViews.delete(sandbox);
      this.onChange();
    }
    return removed;
  }

  clear(): void {
    for (const map of this.bySandbox.values()) map.clear();
    this.derivedViews.clear();
    this.onChange();
  }

  snapshot(): StoreSnapshot {
    const sandboxes: Record<string, StoredConnection[]> = {};
    for (const [name, map] of this.bySandbox) sandboxes[name] = [...map.values()];
    return { version: 1, sandboxes };
  }

  /** Replace the content with a snapshot; unknown sandboxes in the file are ignored. */
  load(snapshot: StoreSnapshot): void {
    for (const [name, items] of Object.entries(snapshot.sandboxes)) {
      const map = this.bySandbox.get(name);
      if (!map || !Array.isArray(items)) continue;
      map.clear();
      for (const item of items) map.set(item.id, copy(item));
      this.derivedViews.delete(name);
    }
  }

  private partition(sandbox: string): Map<string, StoredConnection> {
    const map = this.bySandbox.get(sandbox);
    if (!map) throw new Error(`Unknown sandbox ${sandbox}`);
    return map;
  }
}

function copy(connection: StoredConnection): StoredConnection {
  return {
    ...connection,
    connectionSpec: { ...connection.connectionSpec },
    auth: { specName: connection.auth.specName, params: { ...connection.auth.params } },
  };
}
