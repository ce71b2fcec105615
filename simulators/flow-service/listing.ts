/**
 * GET /connections semantics: `property` filters, `orderby`, `limit`, `count` and opaque
 * continuation tokens. Tokens carry the whole query plus a keyset cursor (last sort value and
 * id), so pages stay consistent while connections are created or deleted in between.
 */
import { pageOfSorted, sortByKey, type Cursor } from "./keyset-page";
import type { FieldProblem } from "./responses";
import type { StoredConnection } from "./types";

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
const SORTABLE = new Set(["name", "createdAt", "updatedAt"]);
// Equality filters on credentials would be an oracle for guessing them.
const SECRET_PATHS = new Set(["auth.params.s3SecretKey", "auth.params.s3SessionToken", "auth.params.s3AccessKey"]);

export type FilterOp = "==" | "!=" | ">=" | "<=" | ">" | "<" | "exists";
export interface Filter {
  path: string;
  op: FilterOp;
  value: string;
}

export interface ListQuery {
  filters: string[];
  orderBy: string;
  limit: number;
  count: boolean;
}


export function parseFilter(expression: string): Filter | FieldProblem {
  const match = /^([A-Za-z0-9_.[\]]+)(==|!=|>=|<=|>|<)(.*)$/s.exec(expression);
  if (match) {
    const [, path = "", op = "==", value = ""] = match;
    if (SECRET_PATHS.has(path)) return { path: "property", message: "secret parameters cannot be filtered on" };
    return { path, op: op as FilterOp, value };
  }
  if (/^[A-Za-z0-9_.[\]]+$/.test(expression)) return { path: expression, op: "exists", value: "" };
  return { path: "property", message: `unsupported filter expression "${expression.slice(0, 100)}"` };
}

function resolve(connection: StoredConnection, path: string): unknown {
  let current: unknown = connection;
  for (const key of path.split(".")) {
    if (typeof current !== "object" || current === null || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function matches(connection: StoredConnection, filter: Filter): boolean {
  const actual = resolve(connection, filter.path);
  if (filter.op === "exists") return actual !== undefined && actual !== null;
  const numeric = typeof actual === "number" && filter.value.trim() !== "" && !Number.isNaN(Number(filter.value));
  const left: string | number | undefined = numeric ? (actual as number) : actual === undefined || actual === null ? undefined : String(actual);
  const right: string | number = numeric ? Number(filter.value) : filter.value;
  switch (filter.op) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    default:
      if (left === undefined) return false;
      if (filter.op === ">=") return left >= right;
      if (filter.op === "<=") return left <= right;
      if (filter.op === ">") return left > right;
      return left < right;
  }
}

export function parseListQuery(params: URLSearchParams): { ok: true; query: ListQuery } | { ok: false; errors: FieldProblem[] } {
  const token = params.get("continuationToken");
  if (token !== null) {
    const decoded = decodeToken(token);
    return decoded ? { ok: true, query: decoded.query } : { ok: false, errors: [{ path: "continuationToken", message: "is not valid" }] };
  }
  const errors: FieldProblem[] = [];
  const filters = params.getAll("property").flatMap((p) => p.split(",")).map((p) => p.trim()).filter((p) => p !== "");
  for (const expression of filters) {
    const parsed = parseFilter(expression);
    if ("message" in parsed) errors.push(parsed);
  }
  // A "+" prefix arrives as a space after URL decoding; trim() makes "+name" mean "name".
  const orderBy = (params.get("orderby") ?? "-createdAt").trim();
  if (!SORTABLE.has(orderBy.replace(/^[-+]/, ""))) errors.push({ path: "orderby", message: "must be name, createdAt or updatedAt, optionally prefixed with - or +" });
  const rawLimit = params.get("limit");
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) errors.push({ path: "limit", message: "must be a positive integer" });
  const count = params.get("count") === "true";
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, query: { filters, orderBy, limit: Math.min(limit, MAX_LIMIT), count } };
}

function sortSpec(orderBy: string): { field: "name" | "createdAt" | "updatedAt"; desc: boolean } {
  return { field: orderBy.replace(/^[-+]/, "") as "name" | "createdAt" | "updatedAt", desc: orderBy.startsWith("-") };
}

export interface Page {
  /** The store's own objects: read them, never change them. */
  items: Readonly<StoredConnection>[];
  /** Every match of the filters; counted only when the query asks (`count=true`). */
  total?: number;
  nextToken?: string;
}

type Sorted = readonly Readonly<StoredConnection>[];

export interface ListingOrder {
  /** Names the order: the store keeps one sorted copy per key (ConnectionStore.derived). */
  key: string;
  keyOf: (c: Readonly<StoredConnection>) => Cursor;
  desc: boolean;
  sort: (items: Sorted) => Sorted;
}

/** The order a query lists in: by its field, then id. */
export function listingOrder(orderBy: string): ListingOrder {
  const { field, desc } = sortSpec(orderBy);
  const keyOf = (c: Readonly<StoredConnection>): Cursor => ({ value: c[field], id: c.id });
  return { key: `${field}:${desc ? "desc" : "asc"}`, keyOf, desc, sort: (items) => sortByKey([...items], keyOf, desc) };
}

/**
 * The page after `cursor` of connections already in the query's order (`listingOrder`): the
 * filters are applied while walking from the cursor, so a page costs its own size.
 */
export function pageOf(sorted: Sorted, query: ListQuery, cursor?: Cursor): Page {
  const filters = query.filters.map(parseFilter).filter((f): f is Filter => !("message" in f));
  const { keyOf, desc } = listingOrder(query.orderBy);
  const keep = (c: Readonly<StoredConnection>) => filters.every((f) => matches(c, f));
  const page = pageOfSorted(sorted, keyOf, desc, query.limit, cursor, keep);
  return {
    items: page.items,
    ...(query.count ? { total: sorted.reduce((count, c) => count + (keep(c) ? 1 : 0), 0) } : {}),
    nextToken: page.next ? encodeToken(query, page.next) : undefined,
  };
}

export function encodeToken(query: ListQuery, cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, q: query, k: cursor })).toString("base64url");
}

export function decodeToken(token: string): { query: ListQuery; cursor: Cursor } | undefined {
  try {
    const raw = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { v?: unknown; q?: ListQuery; k?: Cursor };
    const q = raw.q;
    const k = raw.k;
    if (raw.v !== 1 || !q || !k || !Array.isArray(q.filters) || typeof q.orderBy !== "string" || typeof k.id !== "string") return undefined;
    if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_LIMIT) return undefined;
    if (!SORTABLE.has(q.orderBy.replace(/^[-+]/, ""))) return undefined;
    if (!q.filters.every((f) => typeof f === "string")) return undefined;
    if (typeof k.value !== "string" && typeof k.value !== "number") return undefined;
    return { query: { filters: q.filters, orderBy: q.orderBy, limit: q.limit, count: q.count === true }, cursor: { value: k.value, id: k.id } };
  } catch {
    return undefined;
  }
}
