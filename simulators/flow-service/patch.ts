/**
 * JSON Patch for connections. Accepted: add | replace | remove in any letter case (the OpenAPI
 * enum is uppercase, Adobe's guide writes lowercase). Allowed paths: /name, /description and
 * /auth/params/<param of the connection's auth spec>. Leniency, on purpose: "replace" of an
 * absent optional param acts as "add", and "remove" of an absent one is a no-op — rotating a
 * session token must not depend on whether one was set before. All ops apply or none.
 */
import { AUTH_SPECS } from "./connection-spec";
import type { FieldProblem } from "./responses";
import type { StoredConnection } from "./types";
import { isPlainObject, LIMITS, paramValueProblem } from "./validation";

export const MAX_PATCH_OPS = 100;

type PatchResult = { ok: true; next: StoredConnection } | { ok: false; errors: FieldProblem[] };

/** RFC 6901 unescaping of one pointer segment. */
function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function applyPatch(current: StoredConnection, ops: unknown): PatchResult {
  if (!Array.isArray(ops)) return { ok: false, errors: [{ path: "(body)", message: "must be a JSON Patch array" }] };
  if (ops.length === 0 || ops.length > MAX_PATCH_OPS) return { ok: false, errors: [{ path: "(body)", message: `must hold 1 to ${MAX_PATCH_OPS} operations` }] };

  const next: StoredConnection = { ...current, auth: { ...current.auth, params: { ...current.auth.params } } };
  const def = AUTH_SPECS[current.auth.specName];
  const errors: FieldProblem[] = [];

  ops.forEach((raw, index) => {
    const at = `[${index}]`;
    if (!isPlainObject(raw) || typeof raw.op !== "string" || typeof raw.path !== "string") {
      errors.push({ path: at, message: "must be an object with string op and path" });
      return;
    }
    const op = raw.op.toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove") {
      errors.push({ path: `${at}.op`, message: "must be add, replace or remove" });
      return;
    }
    const path = raw.path;
    if (path === "/name") {
      if (op === "remove") errors.push({ path, message: "cannot be removed" });
      else if (typeof raw.value !== "string" || raw.value.trim() === "" || raw.value.length > LIMITS.name) errors.push({ path, message: `must be a non-empty string of at most ${LIMITS.name} characters` });
      else next.name = raw.value;
      return;
    }
    if (path === "/description") {
      if (op === "remove" || raw.value === null) delete next.description;
      else if (typeof raw.value !== "string" || raw.value.length > LIMITS.description) errors.push({ path, message: `must be a string of at most ${LIMITS.description} characters` });
      else next.description = raw.value;
      return;
    }
    const match = /^\/auth\/params\/([^/]+)$/.exec(path);
    const param = match?.[1] === undefined ? undefined : unescapeSegment(match[1]);
    if (param === undefined || !Object.prototype.hasOwnProperty.call(def.params, param)) {
      errors.push({ path: path.slice(0, 200), message: "is not an updatable path" });
      return;
    }
    if (op === "remove") {
      if (def.required.includes(param)) errors.push({ path, message: "is required and cannot be removed" });
      else delete next.auth.params[param];
      return;
    }
    const problem = paramValueProblem(param, raw.value);
    if (problem) errors.push({ path, message: problem });
    else next.auth.params[param] = raw.value as string;
  });

  return errors.length > 0 ? { ok: false, errors } : { ok: true, next };
}
