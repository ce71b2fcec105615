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

/** Sorts the matching items (in place) and returns the page that follows `cursor`. */
export function keysetPage<T>(matching: T[], keyOf: (item: T) => Cursor, desc: boolean, limit: number, cursor?: Cursor): KeysetPage<T> {
  matching.sort((a, b) => compareKeys(keyOf(a), keyOf(b), desc));
  const found = cursor ? matching.findIndex((item) => compareKeys(keyOf(item), cursor, desc) > 0) : 0;
  const start = found === -1 ? matching.length : found;
  const items = matching.slice(start, start + limit);
  const last = items[items.length - 1];
  const hasMore = start + limit < matching.length;
  return { items, total: matching.length, next: hasMore && last ? keyOf(last) : undefined };
}
