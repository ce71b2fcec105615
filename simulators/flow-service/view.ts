/**
 * What the simulator shows of a stored connection. Decisions:
 * - s3SecretKey and s3SessionToken are never echoed: their value is replaced by a constant
 *   mask, so a client can tell that one is set without learning anything about it.
 * - s3AccessKey is shown masked (first 4 and last 4 characters), enough to recognise a key.
 */
import { hashString, mulberry32, uuidFrom } from "./prng";
import type { StoredConnection } from "./types";

export const SECRET_MASK = "********";
const SECRET_PARAMS = new Set(["s3SecretKey", "s3SessionToken"]);

export function maskAccessKey(value: string): string {
  return value.length >= 12 ? `${value.slice(0, 4)}${"*".repeat(value.length - 8)}${value.slice(-4)}` : SECRET_MASK;
}

export function publicParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (SECRET_PARAMS.has(key)) out[key] = SECRET_MASK;
    else if (key === "s3AccessKey") out[key] = maskAccessKey(value);
    else out[key] = value;
  }
  return out;
}

/** Stable sandbox id derived from the org and sandbox name. */
export function sandboxIdOf(orgId: string, sandbox: string): string {
  return uuidFrom(mulberry32(hashString(`${orgId}/${sandbox}`)));
}

export function toPublicConnection(connection: StoredConnection, orgId: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: connection.id,
    createdAt: connection.createdAt,
    updatedAt: connection.updatedAt,
    createdBy: connection.createdBy,
    updatedBy: connection.updatedBy,
    createdClient: connection.createdClient,
    updatedClient: connection.updatedClient,
    sandboxId: sandboxIdOf(orgId, connection.sandboxName),
    sandboxName: connection.sandboxName,
    imsOrgId: orgId,
    name: connection.name,
    connectionSpec: { ...connection.connectionSpec },
    state: connection.state,
    auth: { specName: connection.auth.specName, params: publicParams(connection.auth.params) },
    version: connection.etag,
    etag: connection.etag,
  };
  if (connection.description !== undefined) view.description = connection.description;
  return view;
}
