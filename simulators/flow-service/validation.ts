/**
 * Validation of create bodies and of single auth param values. Rules come from Adobe's S3
 * guide: required/optional params per auth spec, and the bucket name rule as it states it.
 */
import { AUTH_SPECS, isAuthSpecName, S3_SPEC_ID, S3_SPEC_VERSION } from "./connection-spec";
import type { FieldProblem } from "./responses";
import type { AuthSpecName } from "./types";

export const LIMITS = { name: 256, description: 2_000, param: 4_096 } as const;

export interface ValidCreate {
  name: string;
  description?: string;
  specName: AuthSpecName;
  params: Record<string, string>;
  version: string;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "3 to 63 characters, starts and ends with a letter or digit, lowercase letters, digits and hyphens, not an IP". */
export function bucketNameProblem(value: string): string | undefined {
  if (value.length < 3 || value.length > 63) return "must be 3 to 63 characters long";
  if (!/^[a-z0-9-]+$/.test(value)) return "may only contain lowercase letters, digits and hyphens";
  if (!/^[a-z0-9].*[a-z0-9]$/.test(value)) return "must start and end with a letter or digit";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(value)) return "must not be formatted as an IP address";
  return undefined;
}

/** Problem with one param value, or undefined when it is acceptable. */
export function paramValueProblem(param: string, value: unknown): string | undefined {
  if (typeof value !== "string") return "must be a string";
  if (value.trim() === "") return "must not be empty";
  if (value.length > LIMITS.param) return `must be at most ${LIMITS.param} characters`;
  if (/[\u0000-\u001f]/.test(value)) return "must not contain control characters";
  if (param === "bucketName") return bucketNameProblem(value);
  if (param === "serviceUrl") {
    try {
      const url = new URL(value);
      if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http(s) URL";
    } catch {
      return "must be a URL such as https://s3.{REGION}.amazonaws.com";
    }
  }
  return undefined;
}

export function validateAuthParams(specName: AuthSpecName, params: unknown, prefix: string): { params: Record<string, string>; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const out: Record<string, string> = {};
  if (!isPlainObject(params)) return { params: out, errors: [{ path: prefix, message: "must be an object" }] };
  const def = AUTH_SPECS[specName];
  for (const [key, value] of Object.entries(params)) {
    if (!Object.prototype.hasOwnProperty.call(def.params, key)) {
      errors.push({ path: `${prefix}.${key}`.slice(0, 200), message: `is not a parameter of auth spec "${specName}"` });
      continue;
    }
    if (value === undefined || value === null) continue;
    const problem = paramValueProblem(key, value);
    if (problem) errors.push({ path: `${prefix}.${key}`, message: problem });
    else out[key] = value as string;
  }
  for (const required of def.required) {
    if (out[required] === undefined && !errors.some((e) => e.path === `${prefix}.${required}`)) {
      errors.push({ path: `${prefix}.${required}`, message: "is required" });
    }
  }
  return { params: out, errors };
}

function textProblem(value: unknown, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null) return required ? "is required" : undefined;
  if (typeof value !== "string") return "must be a string";
  if (required && value.trim() === "") return "must not be empty";
  if (value.length > max) return `must be at most ${max} characters`;
  return undefined;
}

export function validateCreate(body: unknown): { ok: true; value: ValidCreate } | { ok: false; errors: FieldProblem[] } {
  if (!isPlainObject(body)) return { ok: false, errors: [{ path: "(body)", message: "must be a JSON object" }] };
  const errors: FieldProblem[] = [];
  const nameProblem = textProblem(body.name, LIMITS.name, true);
  if (nameProblem) errors.push({ path: "name", message: nameProblem });
  const descriptionProblem = textProblem(body.description, LIMITS.description, false);
  if (descriptionProblem) errors.push({ path: "description", message: descriptionProblem });

  const spec = body.connectionSpec;
  if (!isPlainObject(spec)) errors.push({ path: "connectionSpec", message: "is required" });
  else {
    if (spec.id !== S3_SPEC_ID) errors.push({ path: "connectionSpec.id", message: `must be the Amazon S3 connection spec id ${S3_SPEC_ID}` });
    // The OpenAPI file: "Omitting this value will default to the most recent version" (1.0 here).
    if (spec.version !== undefined && spec.version !== S3_SPEC_VERSION) errors.push({ path: "connectionSpec.version", message: `must be "${S3_SPEC_VERSION}"` });
  }

  let specName: AuthSpecName | undefined;
  let params: Record<string, string> = {};
  const auth = body.auth;
  if (!isPlainObject(auth)) errors.push({ path: "auth", message: "is required" });
  else if (!isAuthSpecName(auth.specName)) errors.push({ path: "auth.specName", message: 'must be "Access Key" or "IAMRole Based"' });
  else {
    specName = auth.specName;
    const checked = validateAuthParams(specName, auth.params, "auth.params");
    params = checked.params;
    errors.push(...checked.errors);
  }

  if (errors.length > 0 || specName === undefined) return { ok: false, errors };
  const value: ValidCreate = { name: body.name as string, specName, params, version: S3_SPEC_VERSION };
  if (typeof body.description === "string") value.description = body.description;
  return { ok: true, value };
}
