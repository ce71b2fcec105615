/**
 * Adobe I/O gateway checks, in the order of the troubleshooting guide's table: token, API key,
 * organization, then sandbox. A missing x-sandbox-name means the first (production) sandbox,
 * as the OpenAPI file marks the header optional.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { TokenIssuer } from "./ims";
import { gateway, problems } from "./responses";
import type { SimResponse } from "./types";

export interface GatewayConfig {
  clientId: string;
  orgId: string;
  sandboxes: readonly string[];
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function checkGateway(
  headers: IncomingHttpHeaders,
  tokens: TokenIssuer,
  config: GatewayConfig,
): { ok: true; sandbox: string; clientId: string } | { ok: false; response: SimResponse } {
  const authorization = header(headers, "authorization");
  if (authorization === undefined || authorization.trim() === "") return { ok: false, response: gateway.tokenMissing() };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const issued = match?.[1] ? tokens.verify(match[1]) : undefined;
  if (!issued) return { ok: false, response: gateway.tokenInvalid() };

  const apiKey = header(headers, "x-api-key");
  if (apiKey === undefined || apiKey === "") return { ok: false, response: gateway.apiKeyMissing() };
  if (apiKey !== config.clientId || apiKey !== issued.clientId) return { ok: false, response: gateway.apiKeyInvalid() };

  const org = header(headers, "x-gw-ims-org-id");
  if (org === undefined || org === "") return { ok: false, response: gateway.orgMissing() };
  if (org !== config.orgId || org !== issued.orgId) return { ok: false, response: gateway.orgInvalid() };

  const sandbox = header(headers, "x-sandbox-name") ?? config.sandboxes[0] ?? "prod";
  if (!config.sandboxes.includes(sandbox)) return { ok: false, response: gateway.sandboxInvalid(sandbox) };
  return { ok: true, sandbox, clientId: issued.clientId };
}

/** POST/PUT/PATCH need Content-Type: application/json (a +json suffix is tolerated). */
export function checkContentType(method: string, headers: IncomingHttpHeaders): SimResponse | undefined {
  if (method !== "POST" && method !== "PUT" && method !== "PATCH") return undefined;
  const mediaType = (header(headers, "content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/json" || /^application\/[\w.-]+\+json$/.test(mediaType)) return undefined;
  return problems.contentType();
}
