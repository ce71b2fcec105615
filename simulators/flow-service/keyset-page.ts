// Keyset paging as Flow Service does it: sort by the order field then id, and cut one page after
// the cursor (the last item's key), so a page stays stable while items are added or removed.
export interface Cursor {
  value: string | number;
  id: string;
}

export interface KeysetPage<T> {
  items: T[];
  total: number;
  /** The key of the page's last item, when more items follow. */
  next?: Cursor;
}

export function compareKeys(a: Cursor, b: Cursor, desc: boolean): number {
  const primary = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (primary !== 0) return desc ? -primary : primary;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts the items (in place) in keyset order. */
export function sortByKey<T>(items: T[], keyOf: (item: T) => Cursor, desc: boolean): T[] {
  return items.sort((a, b) => compareKeys(keyOf(a), keyOf(b), desc));
}

/** Sorts the matching items (in place) and returns the page that follows `cursor`. */
export function keysetPage<T>(matching: T[], keyOf: (item: T) => Cursor, desc: boolean, limit: number, cursor?: Cursor): KeysetPage<T> {
  return { ...pageOfSorted(sortByKey(matching, keyOf, desc), keyOf, desc, limit, cursor), total: matching.length };
}

/**
 * The page that follows `cursor` in items already in keyset order, keeping those that `keep`
 * accepts: the cursor is found by binary search and the walk stops one match after the page, so a
 * page costs its own size and not the listing's.
 */
export function pageOfSorted<T>(sorted: readonly T[], keyOf: (item: T) => Cursor, desc: boolean, limit: number, cursor?: Cursor, keep?: (item: T) => boolean): Omit<KeysetPage<T>, "total"> {
  let start = 0;
  if (cursor) {
    let end = sorted.length;
    while (start < end) {
      const middle = (start + end) >>> 1;
      if (compareKeys(keyOf(sorted[middle]!), cursor, desc) > 0) end = middle;
      else start = middle + 1;
    }
  }
  const items: T[] = [];
  let more = false;
  for (let i = start; i < sorted.length; i++) {
    const item = sorted[i]!;
    if (keep && !keep(item)) continue;
    if (items.length === limit) {
      more = true;
      break;
    }
    items.push(item);
  }
  const last = items.at(-1);
  return { items, next: more && last ? keyOf(last) : undefined };
}
