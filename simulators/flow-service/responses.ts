/**
 * Error bodies. Gateway errors and the content-type error copy the shapes documented in
 * Adobe's API troubleshooting guide (see /work/shared/reference/flow-service-api.md). Service
 * errors without a documented body use the same problem-details shape as the content-type
 * error ({type, status, title, detail}) plus an optional `errors` list of {path, message}.
 */
import type { SimResponse } from "./types";

export function json(status: number, body?: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, headers };
}

export function gatewayError(status: number, errorCode: string, message: string): SimResponse {
  return json(status, { error_code: errorCode, message });
}

export const gateway = {
  tokenMissing: () => gatewayError(403, "403010", "Oauth token is missing."),
  tokenInvalid: () => gatewayError(401, "401013", "Oauth token is not valid"),
  apiKeyMissing: () => gatewayError(403, "403000", "Api Key is required"),
  apiKeyInvalid: () => gatewayError(403, "403003", "Api Key is invalid"),
  orgMissing: () => gatewayError(400, "400003", "Missing header"),
  orgInvalid: () => gatewayError(403, "403025", "Profile is not valid"),
  /** Not documented by Adobe: simulator choice, gateway-shaped like its neighbours. */
  sandboxInvalid: (name: string) =>
    gatewayError(403, "403027", `Sandbox '${name.slice(0, 100)}' is not valid for this organization.`),
};

export interface FieldProblem {
  path: string;
  message: string;
}

export function problem(status: number, title: string, detail: string, errors?: FieldProblem[]): SimResponse {
  const body: Record<string, unknown> = { type: "/placeholder/type/uri", status, title, detail };
  if (errors && errors.length > 0) body.errors = errors;
  return json(status, body);
}

export const problems = {
  contentType: () => problem(400, "BadRequestError", "A valid content-type must be specified"),
  malformedJson: () => problem(400, "BadRequestError", "The request body is not valid JSON."),
  forbiddenKey: () => problem(400, "BadRequestError", "The request body contains a forbidden property name."),
  tooLarge: (limit: number) => problem(413, "PayloadTooLargeError", `The request body exceeds ${limit} bytes.`),
  validation: (errors: FieldProblem[]) =>
    problem(400, "BadRequestError", errors.map((e) => `${e.path}: ${e.message}`).join("; ").slice(0, 1000), errors),
  notFound: (what: string, id: string) => problem(404, "NotFoundError", `${what} with id [${id.slice(0, 200)}] was not found.`),
  route: () => problem(404, "NotFoundError", "No such resource."),
  method: () => problem(405, "MethodNotAllowedError", "Method not allowed on this resource."),
  ifMatchMissing: () => problem(400, "BadRequestError", "The If-Match header is required to update a connection."),
  /** The body documented for a stale etag (status 412 is inferred). */
  staleEtag: (supplied: string, current: string) =>
    json(412, { errorMessage: `Supplied version=[${supplied}] does not match the current version on entity=[${current}]` }),
  internal: () => problem(500, "InternalServerError", "The simulator failed to process the request."),
};
