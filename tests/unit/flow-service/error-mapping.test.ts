import { describe, expect, it } from "vitest";
import { FLOW_SERVICE_ERROR_KINDS, FlowServiceError, isFlowServiceError, isFlowServiceErrorOfKind, SAFE_MESSAGES } from "@/lib/flow-service";
import { extractFields, kindForStatus, mapHttpFailure } from "@/lib/flow-service/error-mapping";
import { DETAIL_MAX_CHARS, redactSecrets } from "@/lib/flow-service/redact";

const NOW = 1_700_000_000_000;
const failure = (status: number, body: unknown, extra: Partial<Parameters<typeof mapHttpFailure>[0]> = {}) =>
  mapHttpFailure({
    status,
    bodyText: typeof body === "string" ? body : JSON.stringify(body),
    retryAfterHeader: null,
    requestId: "req-1",
    nowMs: NOW,
    secrets: [],
    ...extra,
  });

describe("kindForStatus", () => {
  it.each([
    [400, undefined, "validation"],
    [413, undefined, "validation"],
    [401, undefined, "unauthorized"],
    [403, "403010", "unauthorized"],
    [403, "403000", "unauthorized"],
    [403, "403003", "unauthorized"],
    [403, "403025", "forbidden"],
    [403, undefined, "forbidden"],
    [404, undefined, "not_found"],
    [412, undefined, "precondition_failed"],
    [429, undefined, "rate_limited"],
    [500, undefined, "unavailable"],
    [503, undefined, "unavailable"],
    [418, undefined, "unexpected"],
  ] as const)("%i (%s) → %s", (status, code, kind) => {
    expect(kindForStatus(status, code)).toBe(kind);
  });
});

describe("mapHttpFailure", () => {
  it("maps the documented gateway bodies and keeps their error_code", () => {
    const missingToken = failure(403, { error_code: "403010", message: "Oauth token is missing." });
    expect(missingToken.kind).toBe("unauthorized");
    expect(missingToken.errorCode).toBe("403010");
    expect(failure(401, { error_code: "401013", message: "Oauth token is not valid" }).kind).toBe("unauthorized");
    expect(failure(403, { error_code: "403025", message: "Profile is not valid" }).kind).toBe("forbidden");
    expect(failure(400, { error_code: "400003", message: "Missing header" }).kind).toBe("validation");
  });

  it("maps the documented stale-etag body to precondition_failed", () => {
    const error = failure(412, { errorMessage: 'Supplied version=["a"] does not match the current version on entity=["b"]' });
    expect(error.kind).toBe("precondition_failed");
    expect(error.status).toBe(412);
    expect(error.detail).toContain("does not match");
  });

  it("extracts validation fields and names them in the safe message", () => {
    const error = failure(400, {
      type: "/placeholder/type/uri",
      status: 400,
      title: "BadRequestError",
      detail: "auth.params.s3SecretKey: is required",
      errors: [{ path: "auth.params.s3SecretKey", message: "is required" }],
    });
    expect(error.kind).toBe("validation");
    expect(error.fields).toEqual([{ field: "auth.params.s3SecretKey", message: "is required" }]);
    expect(error.message).toBe(`${SAFE_MESSAGES.validation} Fields: auth.params.s3SecretKey.`);
  });

  it("reads JSON-pointer paths and alternative field keys", () => {
    expect(extractFields({ errors: [{ pointer: "/auth/params/bucketName", detail: "bad" }] })).toEqual([{ field: "auth.params.bucketName", message: "bad" }]);
    expect(extractFields({ report: { errors: [{ field: "name" }] } })).toEqual([{ field: "name", message: "is invalid" }]);
    expect(extractFields({ errors: "nope" })).toEqual([]);
  });

  it("parses Retry-After on 429 and 503 only", () => {
    expect(failure(429, {}, { retryAfterHeader: "5" }).retryAfterMs).toBe(5_000);
    expect(failure(503, {}, { retryAfterHeader: "2" }).retryAfterMs).toBe(2_000);
    expect(failure(500, {}, { retryAfterHeader: "2" }).retryAfterMs).toBeUndefined();
  });

  it("never puts the body in the user-facing message", () => {
    const error = failure(500, { detail: "java.lang.NullPointerException at com.adobe.Secret" });
    expect(error.message).toBe(SAFE_MESSAGES.unavailable);
    expect(error.detail).toContain("NullPointerException");
  });

  it("tolerates non-JSON and empty bodies", () => {
    expect(failure(502, "<html>Bad gateway</html>").kind).toBe("unavailable");
    const empty = failure(404, "");
    expect(empty.kind).toBe("not_found");
    expect(empty.detail).toBeUndefined();
  });

  it("scrubs request secrets echoed in the body and truncates the detail", () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const echoed = failure(400, { message: `bad key ${secret}`, errors: [{ field: "x", message: `value ${secret} rejected` }], padding: "x".repeat(5_000) }, { secrets: [secret] });
    expect(echoed.detail).not.toContain(secret);
    expect(echoed.fields?.[0]?.message).not.toContain(secret);
    expect(echoed.detail?.length).toBeLessThan(DETAIL_MAX_CHARS + 40);
    expect(echoed.detail).toContain("[truncated");
  });
});

describe("redactSecrets", () => {
  it("removes credential-looking members and bearer tokens even when not listed", () => {
    const text = JSON.stringify({ s3SecretKey: "abc", sessionToken: "def", name: "ok" }) + " Authorization: Bearer eyJhbGciOi.x.y";
    const out = redactSecrets(text);
    expect(out).not.toContain('"abc"');
    expect(out).not.toContain('"def"');
    expect(out).not.toContain("eyJhbGciOi");
    expect(out).toContain('"name":"ok"');
  });
});

describe("FlowServiceError", () => {
  it("is recognised by the type guards and serialises without a stack", () => {
    const error = new FlowServiceError({ kind: "rate_limited", requestId: "r", retryAfterMs: 10 });
    expect(isFlowServiceError(error)).toBe(true);
    expect(isFlowServiceError(new Error("x"))).toBe(false);
    expect(isFlowServiceErrorOfKind(error, "rate_limited")).toBe(true);
    expect(isFlowServiceErrorOfKind(error, "timeout")).toBe(false);
    expect(error).toBeInstanceOf(Error);
    const json = error.toJSON();
    expect(json).toMatchObject({ kind: "rate_limited", requestId: "r", retryAfterMs: 10 });
    expect(json).not.toHaveProperty("stack");
  });

  it("has a safe default message for every kind", () => {
    for (const kind of FLOW_SERVICE_ERROR_KINDS) {
      expect(new FlowServiceError({ kind, requestId: "r" }).message).toBe(SAFE_MESSAGES[kind]);
    }
  });

  it("re-attributes and flags copies without mutating the original", () => {
    const original = new FlowServiceError({ kind: "timeout", requestId: "a" });
    const moved = original.withRequestId("b").asOutcomeUnknown();
    expect(moved.requestId).toBe("b");
    expect(moved.outcomeUnknown).toBe(true);
    expect(original.requestId).toBe("a");
    expect(original.outcomeUnknown).toBe(false);
  });
});
