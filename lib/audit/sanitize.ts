// Audit details are free-form, so they are the easiest place for a secret to slip into the
// database. Every key that looks like a credential is dropped, at any depth, before writing.
const SECRET_KEY = /secret|token|password|passwd|credential|authorization|cookie|s3accesskey|accesskeyid|apikey|api-key/i;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function sanitizeAuditDetails(value: unknown, depth = 0): JsonValue {
  if (depth > 6) return "[truncated]";
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return value.length > 2000 ? `${value.slice(0, 2000)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => sanitizeAuditDetails(item, depth + 1));
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(key) || key === "__proto__" || key === "constructor" || key === "prototype") continue;
      if (item === undefined) continue;
      out[key] = sanitizeAuditDetails(item, depth + 1);
    }
    return out;
  }
  return String(value);
}
