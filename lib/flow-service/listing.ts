/**
 * Paginated listing of S3 base connections. Pages are followed through the continuation token
 * found in `_links.next.href`; we re-issue the request to our own base URL with that token
 * rather than fetching the href as given, so a bearer token is never sent to another host.
 */
import { S3_CONNECTION_SPEC_ID } from "./constants";
import { FlowServiceError } from "./errors";
import type { FlowServiceHttp } from "./http";
import { parseBody, toRemoteConnection } from "./parse";
import { connectionListSchema } from "./schemas";
import type { CallOptions, ConnectionPage, ListConnectionsOptions, RemoteConnection } from "./types";

export const DEFAULT_PAGE_SIZE = 100;
/** Safety net against a server that keeps returning "next" forever. */
const MAX_PAGES = 10_000;

/** `operation` names the caller in logs and metrics when the listing serves another purpose. */
export async function* listConnectionPages(http: FlowServiceHttp, opts: ListConnectionsOptions = {}, operation = "listConnections"): AsyncGenerator<ConnectionPage> {
  const pageSize = Math.max(1, Math.min(1000, Math.floor(opts.pageSize ?? DEFAULT_PAGE_SIZE)));
  // Filters are sent as repeated `property` params (Adobe's sort-and-filter guide: "&"-joined = AND).
  const baseQuery: Array<[string, string]> = [
    ["property", `connectionSpec.id==${S3_CONNECTION_SPEC_ID}`],
    ...(opts.filters ?? []).map((filter): [string, string] => ["property", filter]),
    ["limit", String(pageSize)],
  ];
  if (opts.orderBy) baseQuery.push(["orderby", opts.orderBy]);

  const seenTokens = new Set<string>();
  let token: string | undefined;
  for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
    const query: Array<[string, string]> = token ? [...baseQuery, ["continuationToken", token]] : baseQuery;
    const response = await http.send({
      operation,
      method: "GET",
      path: "/connections",
      query,
      sandbox: opts.sandbox,
      signal: opts.signal,
      // The caller's request id names the first page; later pages get their own.
      requestId: pageIndex === 0 ? opts.requestId : undefined,
      retry: "idempotent",
    });
    const body = parseBody(connectionListSchema, response.json, {
      requestId: response.requestId,
      status: response.status,
      what: "connection list",
    });
    const connections = body.items
      .filter((item) => item.connectionSpec.id === S3_CONNECTION_SPEC_ID)
      .map(toRemoteConnection);
    yield { connections, requestId: response.requestId, pageIndex, count: body.count };

    const next = continuationTokenOf(body._links?.next?.href);
    if (next === undefined) return;
    if (seenTokens.has(next)) {
      throw new FlowServiceError({
        kind: "bad_response",
        requestId: response.requestId,
        detail: "Pagination returned a continuation token that was already used.",
      });
    }
    seenTokens.add(next);
    token = next;
  }
}

export function continuationTokenOf(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const token = new URL(href, "http://relative.invalid/").searchParams.get("continuationToken");
    return token === null || token === "" ? undefined : token;
  } catch {
    return undefined;
  }
}

export async function listAllConnections(
  http: FlowServiceHttp,
  opts: ListConnectionsOptions = {},
  operation = "listConnections",
): Promise<{ connections: RemoteConnection[]; requestIds: string[] }> {
  const connections: RemoteConnection[] = [];
  const requestIds: string[] = [];
  for await (const page of listConnectionPages(http, opts, operation)) {
    connections.push(...page.connections);
    requestIds.push(page.requestId);
  }
  return { connections, requestIds };
}

/**
 * Connections whose name is exactly `name`. The server-side filter narrows the listing; the
 * exact comparison is always repeated here because the filter's matching rules (case,
 * separators) are not documented. Names containing a comma skip the server filter, since
 * commas separate `property` values.
 */
export async function findConnectionsByName(
  http: FlowServiceHttp,
  name: string,
  opts: CallOptions = {},
  operation = "findConnectionsByName",
): Promise<{ connections: RemoteConnection[]; requestIds: string[] }> {
  const filters = name.includes(",") ? [] : [`name==${name}`];
  const all = await listAllConnections(http, { ...opts, filters }, operation);
  return { connections: all.connections.filter((c) => c.name === name), requestIds: all.requestIds };
}
