/**
 * Checks recorded Flow Service responses against Adobe's OpenAPI description
 * (tests/fixtures/flow-service.openapi.yaml, a copy of the shared reference so CI needs only
 * this repository), using openapi-response-validator — no hand-copied shapes.
 *
 * Rules, per (method, path template, status):
 * - status declared with a JSON schema → the body must validate;
 * - declared with only an example (PATCH 200) → the body must have the example's members
 *   with the same JSON types (schema derived from the example at run time);
 * - declared with `content: {}` (204, 403, 503) → empty, or an error body of a documented shape;
 * - not declared → must be an error status the API notes list, with a documented error shape
 *   (gateway {error_code, message}, problem {type, status, title, detail}, or {errorMessage}).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import OpenAPIResponseValidator from "openapi-response-validator";
import { z } from "zod";

const SPEC_FILE = fileURLToPath(new URL("../../../fixtures/flow-service.openapi.yaml", import.meta.url));
export const FLOW_BASE_PATH = "/data/foundation/flowservice";

interface MediaType {
  schema?: Record<string, unknown>;
  example?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, ResponseObject>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

export const openApiDoc = load(readFileSync(SPEC_FILE, "utf8")) as OpenApiDoc;

export interface RecordedExchange {
  method: string;
  url: string;
  status: number;
  bodyText: string;
}

/** Statuses the API notes list as in use, beyond those the OpenAPI file declares. */
const DOCUMENTED_ERROR_STATUSES = new Set([400, 401, 403, 404, 405, 412, 413, 429, 500, 502, 503, 504]);

const errorShapes = [
  z.object({ error_code: z.string(), message: z.string() }),
  z.object({ type: z.string(), status: z.number().int(), title: z.string(), detail: z.string() }),
  z.object({ errorMessage: z.string() }),
];

export function isDocumentedErrorBody(body: unknown): boolean {
  return errorShapes.some((shape) => shape.safeParse(body).success);
}

const templates = Object.keys(openApiDoc.paths)
  .map((template) => ({
    template,
    params: (template.match(/\{[^}]+\}/g) ?? []).length,
    // A trailing slash is optional: the file declares DELETE/PATCH on "/connections/{id}/".
    regex: new RegExp(`^${template.replace(/\/$/, "").replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "([^/]+)")}/?$`),
  }))
  // Literal paths (/connections/search) win over templated ones (/connections/{id}).
  .sort((a, b) => a.params - b.params);

export function findOperation(method: string, path: string): { template: string; operation: Operation } | undefined {
  for (const { template, regex } of templates) {
    if (!regex.test(path)) continue;
    const operation = openApiDoc.paths[template]?.[method.toLowerCase()];
    if (operation) return { template, operation };
  }
  return undefined;
}

function schemaFromExample(example: unknown): Record<string, unknown> {
  if (Array.isArray(example)) return { type: "array" };
  if (typeof example !== "object" || example === null) return { type: typeof example };
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(example)) properties[key] = schemaFromExample(value);
  return { type: "object", required: Object.keys(example), properties };
}

const validators = new Map<string, OpenAPIResponseValidator>();

function validatorFor(key: string, schema: Record<string, unknown>): OpenAPIResponseValidator {
  let validator = validators.get(key);
  if (!validator) {
    validator = new OpenAPIResponseValidator({
      responses: { default: { schema } } as never,
      components: openApiDoc.components as never,
    });
    validators.set(key, validator);
  }
  return validator;
}

/** Problems found with one exchange; empty when it conforms. */
export function checkExchange(exchange: RecordedExchange): string[] {
  const url = new URL(exchange.url);
  if (!url.pathname.startsWith(FLOW_BASE_PATH)) return [];
  const path = url.pathname.slice(FLOW_BASE_PATH.length) || "/";
  const label = `${exchange.method} ${path} → ${exchange.status}`;
  let body: unknown = null;
  if (exchange.bodyText !== "") {
    try {
      body = JSON.parse(exchange.bodyText);
    } catch {
      return [`${label}: body is not JSON`];
    }
  }
  const found = findOperation(exchange.method, path);
  if (!found) return [`${label}: no such operation in the OpenAPI file`];
  const declared = found.operation.responses[String(exchange.status)];
  if (!declared) {
    if (!DOCUMENTED_ERROR_STATUSES.has(exchange.status)) return [`${label}: status not declared nor documented`];
    return isDocumentedErrorBody(body) ? [] : [`${label}: undeclared status without a documented error body`];
  }
  const media = declared.content?.["application/json"];
  const schema = media?.schema ?? (media?.example !== undefined ? schemaFromExample(media.example) : undefined);
  if (!schema) {
    if (body === null) return [];
    return exchange.status >= 400 && isDocumentedErrorBody(body) ? [] : [`${label}: body where the OpenAPI file declares none`];
  }
  const result = validatorFor(`${found.template} ${exchange.method} ${exchange.status}`, schema).validateResponse("default", body);
  return result ? result.errors.map((e: { path?: string; message: string }) => `${label}: ${e.path ?? ""} ${e.message}`) : [];
}

/** The configs endpoint's known discrepancy: OpenAPI says array, Adobe's S3 guide says object. */
export function isKnownConfigsDiscrepancy(exchange: RecordedExchange): boolean {
  return exchange.method === "GET" && exchange.status === 200 && /\/connectionSpecs\/[^/]+\/configs$/.test(new URL(exchange.url).pathname);
}
