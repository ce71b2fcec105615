import { describe, expect, it, vi } from "vitest";
import { decodeToken, listingOrder, pageOf, type ListQuery } from "@/simulators/flow-service/listing";
import { seedConnections } from "@/simulators/flow-service/seed";
import { ConnectionStore } from "@/simulators/flow-service/store";
import type { StoredConnection } from "@/simulators/flow-service/types";

const byName = listingOrder("name");
const seeded = (sandbox: string, count: number, startIndex = 0) => seedConnections({ count, sandbox, clientId: "c", startIndex });

function storeWith(count: number): ConnectionStore {
  const store = new ConnectionStore(["prod", "dev"]);
  store.putMany([...seeded("prod", count), ...seeded("dev", 5)]);
  return store;
}

describe("simulator store: listing orders kept between pages", () => {
  it("sorts a sandbox once for a whole listing, and again only after that sandbox changes", () => {
    const store = storeWith(50);
    const sort = vi.fn(byName.sort);
    const read = () => store.derived("prod", byName.key, sort);
    read();
    read();
    expect(sort).toHaveBeenCalledTimes(1);

    store.put(seeded("dev", 1, 100)[0]!);
    read();
    expect(sort).toHaveBeenCalledTimes(1);

    const changes: Array<() => void> = [
      () => store.put({ ...store.list("prod")[0]!, name: "Renamed" }),
      () => store.putMany(seeded("prod", 2, 500)),
      () => store.remove("prod", store.list("prod")[0]!.id),
      () => store.load({ version: 1, sandboxes: { prod: seeded("prod", 10, 900) } }),
      () => store.clear(),
    ];
    for (const [index, change] of changes.entries()) {
      change();
      read();
      expect(sort).toHaveBeenCalledTimes(index + 2);
    }
    expect(read()).toEqual([]);
  });

  it("a listing in progress sees a connection created after its cursor and a rename, not a stale order", () => {
    const store = storeWith(30);
    const q: ListQuery = { filters: [], orderBy: "name", limit: 10, count: false };
    const list = (cursor?: ReturnType<typeof decodeToken>) => pageOf(store.derived("prod", byName.key, byName.sort), q, cursor?.cursor);
    const first = list();
    const last = first.items.at(-1)!;

    const late: StoredConnection = { ...seeded("prod", 1, 700)[0]!, name: "zzz created mid-listing" };
    store.put(late);
    const renamed = first.items[0]!;
    store.put({ ...renamed, name: "zzz renamed mid-listing" });

    const ids: string[] = [];
    let page = list(decodeToken(first.nextToken!));
    ids.push(...page.items.map((c) => c.id));
    while (page.nextToken) {
      page = list(decodeToken(page.nextToken));
      ids.push(...page.items.map((c) => c.id));
    }
    expect(ids).toContain(late.id);
    // Renamed past the cursor, it is listed again under its new name, as keyset paging does.
    expect(ids).toContain(renamed.id);
    expect(ids).not.toContain(last.id);
    expect(ids).toHaveLength(30 + 1 - 10 + 1);
  });

  it("hands out the store's own objects in a listing, which stay as they were after a change", () => {
    const store = storeWith(3);
    const before = pageOf(store.derived("prod", byName.key, byName.sort), { filters: [], orderBy: "name", limit: 3, count: false }).items;
    const target = before[0]!;
    store.put({ ...store.get("prod", target.id)!, name: "Changed" });
    expect(target.name).not.toBe("Changed");
    expect(store.get("prod", target.id)!.name).toBe("Changed");
  });
});
