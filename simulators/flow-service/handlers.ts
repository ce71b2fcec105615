/** Flow Service endpoint handlers. Each returns a SimResponse; none writes to the socket. */
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { s3ConnectionSpec, S3_SPEC_ID } from "./connection-spec";
import { etagMatches, newEtag } from "./etag";
import { decodeToken, listingOrder, pageOf, parseListQuery } from "./listing";
import { applyPatch } from "./patch";
import { json, problem, problems } from "./responses";
import { explore, testConnection, type S3AccessConfig } from "./s3-access";
import type { DataflowState } from "./dataflow-handlers";
import type { ConnectionStore } from "./store";
import type { SimResponse, StoredConnection } from "./types";
import { validateCreate } from "./validation";
import { sandboxIdOf, toPublicConnection } from "./view";

export interface SimState {
  store: ConnectionStore;
  dataflows: DataflowState;
  orgId: string;
  now: () => number;
  s3: S3AccessConfig;
  iamRoleArn: string;
  basePath: string;
}

export interface HandlerContext {
  sandbox: string;
  clientId: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Decoded path parameter ({BASE_CONNECTION_ID} or {CONNECTION_SPEC_ID}). */
  id: string;
}

export type Handler = (state: SimState, ctx: HandlerContext) => SimResponse | Promise<SimResponse>;

function ifMatchOf(headers: IncomingHttpHeaders): string | undefined {
  const value = headers["if-match"];
  return Array.isArray(value) ? value.join(",") : value;
}

function lookup(state: SimState, ctx: HandlerContext): StoredConnection | SimResponse {
  return state.store.get(ctx.sandbox, ctx.id) ?? problems.notFound("Connection", ctx.id);
}

export const createConnection: Handler = (state, ctx) => {
  const checked = validateCreate(ctx.body);
  if (!checked.ok) return problems.validation(checked.errors);
  const now = state.now();
  const connection: StoredConnection = {
    id: randomUUID(),
    name: checked.value.name,
    ...(checked.value.description === undefined ? {} : { description: checked.value.description }),
    sandboxName: ctx.sandbox,
    connectionSpec: { id: S3_SPEC_ID, version: checked.value.version },
    state: "enabled",
    auth: { specName: checked.value.specName, params: checked.value.params },
    etag: newEtag(now),
    createdAt: now,
    updatedAt: now,
    createdBy: `${ctx.clientId}@AdobeID`,
    updatedBy: `${ctx.clientId}@AdobeID`,
    createdClient: ctx.clientId,
    updatedClient: ctx.clientId,
  };
  state.store.put(connection);
  return json(201, { id: connection.id, etag: connection.etag }, { Location: `${state.basePath}/connections/${connection.id}` });
};

export const getConnection: Handler = (state, ctx) => {
  const found = lookup(state, ctx);
  if ("status" in found) return found;
  return json(200, { items: [toPublicConnection(found, state.orgId)] });
};

export const listConnections: Handler = (state, ctx) => {
  const parsed = parseListQuery(ctx.query);
  if (!parsed.ok) return problems.validation(parsed.errors);
  const token = ctx.query.get("continuationToken");
  const cursor = token === null ? undefined : decodeToken(token)?.cursor;
  const order = listingOrder(parsed.query.orderBy);
  const page = pageOf(state.store.derived(ctx.sandbox, order.key, order.sort), parsed.query, cursor);
  const body: Record<string, unknown> = {
    items: page.items.map((c) => toPublicConnection(c, state.orgId)),
    _links: page.nextToken ? { next: { href: `/connections?continuationToken=${page.nextToken}` } } : {},
  };
  if (parsed.query.count) body.count = page.total;
  return json(200, body);
};

export const patchConnection: Handler = (state, ctx) => {
  const found = lookup(state, ctx);
  if ("status" in found) return found;
  const ifMatch = ifMatchOf(ctx.headers);
  // Missing If-Match is a malformed request (400); a stale one fails the precondition (412).
  if (ifMatch === undefined || ifMatch.trim() === "") return problems.ifMatchMissing();
  if (!etagMatches(ifMatch, found.etag)) return problems.staleEtag(ifMatch, found.etag);
  const patched = applyPatch(found, ctx.body);
  if (!patched.ok) return problems.validation(patched.errors);
  const now = state.now();
  const touchesAuth = Array.isArray(ctx.body) && ctx.body.some((op: unknown) => typeof (op as { path?: unknown }).path === "string" && (op as { path: string }).path.startsWith("/auth/params/"));
  const updatedAt = Math.max(now, found.updatedAt + 1);
  const next: StoredConnection = {
    ...patched.next,
    etag: newEtag(now),
    updatedAt,
    updatedBy: `${ctx.clientId}@AdobeID`,
    updatedClient: ctx.clientId,
    ...(touchesAuth ? { authUpdatedAt: updatedAt } : {}),
  };
  state.store.put(next);
  return json(200, { id: next.id, etag: next.etag });
};

export const deleteConnection: Handler = (state, ctx) => {
  const found = lookup(state, ctx);
  if ("status" in found) return found;
  const ifMatch = ifMatchOf(ctx.headers);
  if (ifMatch !== undefined && !etagMatches(ifMatch, found.etag)) return problems.staleEtag(ifMatch, found.etag);
  state.store.remove(ctx.sandbox, ctx.id);
  // Flows that read through it keep existing (AEP would refuse the delete: 1418-400); their
  // next runs fail, which is what the console warns about before deleting.
  state.dataflows.store.markBaseDeleted(ctx.id, state.now());
  return { status: 204 };
};

export const testConnectionHandler: Handler = async (state, ctx) => {
  const found = lookup(state, ctx);
  if ("status" in found) return found;
  return json(200, { result: await testConnection(found, state.s3) });
};

export const exploreHandler: Handler = async (state, ctx) => {
  const found = lookup(state, ctx);
  if ("status" in found) return found;
  const tenant = { sandboxName: ctx.sandbox, sandboxId: sandboxIdOf(state.orgId, ctx.sandbox), imsOrgId: state.orgId };
  return explore(found, state.s3, ctx.query.get("objectType") ?? "root", ctx.query.get("object"), tenant);
};

export const listSpecs: Handler = () => json(200, { items: [s3ConnectionSpec()] });

export const getSpec: Handler = (_state, ctx) =>
  ctx.id === S3_SPEC_ID ? json(200, { items: [s3ConnectionSpec()] }) : problems.notFound("Connection spec", ctx.id);

/**
 * Follows Adobe's S3 guide ({configParams: {IAMRole}}), not the OpenAPI file, which declares
 * ExploreConnectionResponse (an array of explore items) for this endpoint.
 */
export const getSpecConfigs: Handler = (state, ctx) => {
  if (ctx.id !== S3_SPEC_ID) return problems.notFound("Connection spec", ctx.id);
  const authType = ctx.query.get("authType");
  if (authType === null || authType.toLowerCase() !== "iambasedauthentication") {
    return problem(400, "BadRequestError", "authType must be IamBasedAuthentication for Amazon S3.");
  }
  return json(200, { configParams: { IAMRole: state.iamRoleArn } });
};
