/**
 * Listing semantics of /sourceConnections, /flows and /runs, from Adobe's "Sorting and filtering
 * responses in the Flow Service API":
 * - `property=<path><op><value>`; repeated `property` params combine with AND;
 * - `==` takes a comma-separated list of values, any of which may match (the batch form:
 *   `baseConnectionId==a,b`, `sourceConnectionIds[]==a,b`, `flowId==a,b`); `!=` excludes them;
 *   `<`, `>`, `<=`, `>=` take one value ("Operator '<=' is not allowed for multiple values.");
 * - `[]` after an array's name matches any of its items (`sourceConnectionIds[]==…`,
 *   `transformations[].params.mappingId==…`); a bare path means "exists";
 * - `orderby=[+|-]field`, no prefix = ascending; `limit` (default 20, at most 100 here);
 *   `count=true` adds the total; `continuationToken` resumes a listing (the token carries the
 *   whole query and a keyset cursor, like /connections').
 * Filters apply to what the API shows (the public view), never to stored secrets.
 */
import { keysetPage, type Cursor } from "./keyset-page";
import type { FieldProblem } from "./responses";

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** A batch filter names at most this many values (keeps URLs and lookups bounded). */
export const MAX_FILTER_VALUES = 200;

export type Operator = "==" | "!=" | ">=" | "<=" | ">" | "<" | "exists";

export interface PropertyFilter {
  path: string;
  op: Operator;
  values: string[];
}

export interface ResourceQuery {
  filters: PropertyFilter[];
  orderBy: string;
  limit: number;
  count: boolean;
}


const EXPRESSION = /^([A-Za-z0-9_.[\]]+)(==|!=|>=|<=|>|<)(.*)$/s;
const PATH_ONLY = /^[A-Za-z0-9_.[\]]+$/;

/** Parses every `property` parameter; commas separate list values, or expressions. */
export function parseFilters(raw: string[]): { ok: true; filters: PropertyFilter[] } | { ok: false; errors: FieldProblem[] } {
  const filters: PropertyFilter[] = [];
  const errors: FieldProblem[] = [];
  for (const param of raw) {
    let current: PropertyFilter | undefined;
    for (const token of param.split(",").map((t) => t.trim())) {
      if (token === "") continue;
      const match = EXPRESSION.exec(token);
      if (match) {
        const [, path = "", op = "==", value = ""] = match;
        current = { path, op: op as Operator, values: [value] };
        filters.push(current);
      } else if (current && (current.op === "==" || current.op === "!=")) {
        current.values.push(token);
      } else if (current) {
        errors.push({ path: "property", message: `Operator '${current.op}' is not allowed for multiple values.` });
      } else if (PATH_ONLY.test(token)) {
        filters.push({ path: token, op: "exists", values: [] });
      } else {
        errors.push({ path: "property", message: `unsupported filter expression "${token.slice(0, 100)}"` });
      }
    }
  }
  for (const filter of filters) {
    if (filter.values.length > MAX_FILTER_VALUES) errors.push({ path: "property", message: `a filter takes at most ${MAX_FILTER_VALUES} values` });
    if (filter.op !== "exists" && filter.values.some((v) => v === "")) errors.push({ path: "property", message: `Invalid query value ${filter.path}${filter.op} provided in query param.` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, filters };
}

/** Every value a path reaches: `a.b` one value, `list[].c` one per item. */
export function resolvePath(item: unknown, path: string): unknown[] {
  let current: unknown[] = [item];
  for (const rawSegment of path.split(".")) {
    const spread = rawSegment.endsWith("[]");
    const key = spread ? rawSegment.slice(0, -2) : rawSegment;
    const next: unknown[] = [];
    for (const value of current) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const child = (value as Record<string, unknown>)[key];
      if (spread) {
        if (Array.isArray(child)) next.push(...child);
      } else next.push(child);
    }
    current = next;
  }
  return current.filter((value) => value !== undefined && value !== null);
}

function compare(actual: unknown, expected: string): number | undefined {
  if (typeof actual === "number") {
    const wanted = Number(expected);
    if (expected.trim() === "" || Number.isNaN(wanted)) return undefined;
    return actual < wanted ? -1 : actual > wanted ? 1 : 0;
  }
  if (typeof actual === "string" || typeof actual === "boolean") {
    const text = String(actual);
    return text < expected ? -1 : text > expected ? 1 : 0;
  }
  return undefined;
}

export function matchesFilter(item: unknown, filter: PropertyFilter): boolean {
  const actual = resolvePath(item, filter.path);
  if (filter.op === "exists") return actual.length > 0;
  const equalsAny = actual.some((value) => filter.values.some((wanted) => compare(value, wanted) === 0));
  if (filter.op === "==") return equalsAny;
  if (filter.op === "!=") return !equalsAny;
  const wanted = filter.values[0] ?? "";
  return actual.some((value) => {
    const order = compare(value, wanted);
    if (order === undefined) return false;
    if (filter.op === ">") return order > 0;
    if (filter.op === "<") return order < 0;
    if (filter.op === ">=") return order >= 0;
    return order <= 0;
  });
}

export function parseResourceQuery(
  params: URLSearchParams,
  sortable: readonly string[],
  defaultOrder: string,
): { ok: true; query: ResourceQuery; cursor?: Cursor } | { ok: false; errors: FieldProblem[] } {
  const token = params.get("continuationToken");
  if (token !== null) {
    const decoded = decodeResourceToken(token, sortable);
    return decoded ? { ok: true, query: decoded.query, cursor: decoded.cursor } : { ok: false, errors: [{ path: "continuationToken", message: "is not valid" }] };
  }
  const errors: FieldProblem[] = [];
  const parsed = parseFilters(params.getAll("property"));
  if (!parsed.ok) errors.push(...parsed.errors);
  // A "+" prefix arrives as a space after URL decoding; trim() makes "+name" mean "name".
  const orderBy = (params.get("orderby") ?? defaultOrder).trim();
  if (!sortable.includes(orderBy.replace(/^[-+]/, ""))) errors.push({ path: "orderby", message: `must be one of ${sortable.join(", ")}, optionally prefixed with - or +` });
  const rawLimit = params.get("limit");
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1) errors.push({ path: "limit", message: "must be a positive integer" });
  if (errors.length > 0 || !parsed.ok) return { ok: false, errors };
  return { ok: true, query: { filters: parsed.filters, orderBy, limit: Math.min(limit, MAX_LIMIT), count: params.get("count") === "true" } };
}

export interface ResourcePage<T> {
  items: T[];
  total: number;
  nextToken?: string;
}

/** Filters, sorts (by the order field, then id) and cuts one page after the cursor. */
export function pageOfViews<T extends { id: string }>(views: T[], query: ResourceQuery, cursor?: Cursor): ResourcePage<T> {
  const field = query.orderBy.replace(/^[-+]/, "");
  const desc = query.orderBy.startsWith("-");
  const keyOf = (view: T): Cursor => {
    const value = (view as Record<string, unknown>)[field];
    return { value: typeof value === "number" || typeof value === "string" ? value : "", id: view.id };
  };
  const matching = views.filter((view) => query.filters.every((filter) => matchesFilter(view, filter)));
  const page = keysetPage(matching, keyOf, desc, query.limit, cursor);
  return { items: page.items, total: page.total, nextToken: page.next ? encodeResourceToken(query, page.next) : undefined };
}

export function encodeResourceToken(query: ResourceQuery, cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 2, q: query, k: cursor })).toString("base64url");
}

function isFilter(value: unknown): value is PropertyFilter {
  if (typeof value !== "object" || value === null) return false;
  const f = value as Record<string, unknown>;
  return typeof f.path === "string" && typeof f.op === "string" && ["==", "!=", ">=", "<=", ">", "<", "exists"].includes(f.op) && Array.isArray(f.values) && f.values.every((v) => typeof v === "string");
}

export function decodeResourceToken(token: string, sortable: readonly string[]): { query: ResourceQuery; cursor: Cursor } | undefined {
  try {
    const raw = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { v?: unknown; q?: ResourceQuery; k?: Cursor };
    const { q, k } = raw;
    if (raw.v !== 2 || !q || !k || !Array.isArray(q.filters) || !q.filters.every(isFilter) || typeof q.orderBy !== "string") return undefined;
    if (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > MAX_LIMIT) return undefined;
    if (!sortable.includes(q.orderBy.replace(/^[-+]/, "")) || typeof k.id !== "string") return undefined;
    if (typeof k.value !== "string" && typeof k.value !== "number") return undefined;
    return { query: { filters: q.filters, orderBy: q.orderBy, limit: q.limit, count: q.count === true }, cursor: { value: k.value, id: k.id } };
  } catch {
    return undefined;
  }
}

/** Values of the first `==` filter on one of `paths`, to narrow candidates through an index. */
export function indexedValues(query: ResourceQuery, paths: readonly string[]): { path: string; values: string[] } | undefined {
  const filter = query.filters.find((f) => f.op === "==" && paths.includes(f.path));
  return filter ? { path: filter.path, values: filter.values } : undefined;
}
