/** Maps (method, path below the base path) to a handler; 404/405 otherwise. */
import {
  createConnection,
  deleteConnection,
  exploreHandler,
  getConnection,
  getSpec,
  getSpecConfigs,
  listConnections,
  listSpecs,
  patchConnection,
  testConnectionHandler,
  type Handler,
} from "./handlers";
import { getFlow, getSourceConnection, listFlows, listRuns, listSourceConnections } from "./dataflow-handlers";
import { problem, problems } from "./responses";
import type { SimResponse } from "./types";

interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

// Trailing slashes are accepted: the OpenAPI file declares DELETE/PATCH on "/connections/{id}/".
const ROUTES: Route[] = [
  { pattern: /^\/connections\/?$/, methods: { GET: listConnections, POST: createConnection } },
  { pattern: /^\/connections\/([^/]+)\/test\/?$/, methods: { GET: testConnectionHandler } },
  { pattern: /^\/connections\/([^/]+)\/explore\/?$/, methods: { GET: exploreHandler } },
  { pattern: /^\/connections\/([^/]+)\/?$/, methods: { GET: getConnection, PATCH: patchConnection, DELETE: deleteConnection } },
  { pattern: /^\/connectionSpecs\/?$/, methods: { GET: listSpecs } },
  { pattern: /^\/connectionSpecs\/([^/]+)\/configs\/?$/, methods: { GET: getSpecConfigs } },
  { pattern: /^\/connectionSpecs\/([^/]+)\/?$/, methods: { GET: getSpec } },
  { pattern: /^\/sourceConnections\/?$/, methods: { GET: listSourceConnections } },
  { pattern: /^\/sourceConnections\/([^/]+)\/?$/, methods: { GET: getSourceConnection } },
  { pattern: /^\/flows\/?$/, methods: { GET: listFlows } },
  { pattern: /^\/flows\/([^/]+)\/?$/, methods: { GET: getFlow } },
  { pattern: /^\/runs\/?$/, methods: { GET: listRuns } },
];

export type RouteMatch = { ok: true; handler: Handler; id: string } | { ok: false; response: SimResponse };

export function route(method: string, subPath: string): RouteMatch {
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(subPath);
    if (!match) continue;
    const handler = candidate.methods[method];
    if (!handler) return { ok: false, response: problems.method() };
    let id = "";
    try {
      id = decodeURIComponent(match[1] ?? "");
    } catch {
      return { ok: false, response: problem(400, "BadRequestError", "The resource id is not correctly encoded.") };
    }
    return { ok: true, handler, id };
  }
  return { ok: false, response: problems.route() };
}

/** Methods that carry a JSON body on the routes above. */
export function hasBody(method: string): boolean {
  return method === "POST" || method === "PATCH" || method === "PUT";
}
