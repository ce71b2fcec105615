/** Validate response bodies with zod and map DTOs to the console's own types. */
import type { z } from "zod";
import { SECRET_PARAM_NAMES } from "./constants";
import { FlowServiceError } from "./errors";
import type { ConnectionItemDto } from "./schemas";
import type { AuthParamValue, RemoteConnection } from "./types";

/**
 * Parse `json` or throw a bad_response error. The detail lists only schema issue paths and
 * codes, never the body itself: a success body may carry data we must not store.
 */
export function parseBody<S extends z.ZodType>(
  schema: S,
  json: unknown,
  ctx: { requestId: string; status: number; what: string },
): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.code}`)
    .join("; ");
  throw new FlowServiceError({
    kind: "bad_response",
    requestId: ctx.requestId,
    status: ctx.status,
    detail: `Unexpected ${ctx.what} response: ${issues}`,
  });
}

const SECRET_NAMES = new Set(SECRET_PARAM_NAMES);

export function toRemoteConnection(dto: ConnectionItemDto): RemoteConnection {
  const params: Record<string, AuthParamValue> = {};
  const secretParams: string[] = [];
  for (const [key, value] of Object.entries(dto.auth?.params ?? {})) {
    if (SECRET_NAMES.has(key)) {
      // Whatever the server shows (masked, encrypted, omitted), we only keep the fact it exists.
      if (value !== null && value !== undefined && value !== "") secretParams.push(key);
      continue;
    }
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      params[key] = value;
    }
  }
  const connection: RemoteConnection = {
    id: dto.id,
    name: dto.name ?? "",
    connectionSpec: { id: dto.connectionSpec.id, version: dto.connectionSpec.version },
    state: dto.state ?? "unknown",
    auth: { specName: dto.auth?.specName ?? "", params, secretParams },
    etag: dto.etag ?? dto.version ?? "",
  };
  if (dto.description !== undefined && dto.description !== null) connection.description = dto.description;
  const optional = [
    "createdAt",
    "updatedAt",
    "createdBy",
    "updatedBy",
    "createdClient",
    "updatedClient",
    "sandboxId",
    "sandboxName",
    "imsOrgId",
  ] as const;
  for (const key of optional) {
    const value = dto[key];
    if (value !== undefined) (connection as unknown as Record<string, unknown>)[key] = value;
  }
  return connection;
}
