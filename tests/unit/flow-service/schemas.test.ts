import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBody, toRemoteConnection } from "@/lib/flow-service/parse";
import {
  connectionItemSchema,
  connectionListSchema,
  exploreResponseSchema,
  iamRoleConfigSchema,
  testConnectionResponseSchema,
} from "@/lib/flow-service/schemas";
import { FlowServiceError } from "@/lib/flow-service";
import { CONNECTION_DTO } from "./fake-fetch";

describe("connection parsing", () => {
  it("parses the documented connection and strips secrets", () => {
    const connection = toRemoteConnection(connectionItemSchema.parse(CONNECTION_DTO));
    expect(connection).toMatchObject({
      id: CONNECTION_DTO.id,
      name: CONNECTION_DTO.name,
      state: "enabled",
      etag: CONNECTION_DTO.etag,
      createdAt: 1_700_000_000_000,
      auth: { specName: "Access Key", params: { s3AccessKey: "AKIA****1234", bucketName: "acme-data" }, secretParams: ["s3SecretKey"] },
    });
    expect(JSON.stringify(connection)).not.toContain("********");
  });

  it("drops secrets even if a server echoed them in clear", () => {
    const dto = { ...CONNECTION_DTO, auth: { specName: "Access Key", params: { s3SecretKey: "plain-secret", s3SessionToken: "plain-token", s3AccessKey: "AKIA" } } };
    const connection = toRemoteConnection(connectionItemSchema.parse(dto));
    expect(JSON.stringify(connection)).not.toMatch(/plain-secret|plain-token/);
    expect(connection.auth.secretParams.sort()).toEqual(["s3SecretKey", "s3SessionToken"]);
  });

  it("accepts unknown fields anywhere (Adobe may add them)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }).filter((k) => !(k in CONNECTION_DTO) && k !== "__proto__"), fc.jsonValue()), (extra) => {
        const parsed = connectionItemSchema.safeParse({ ...extra, ...CONNECTION_DTO, auth: { ...CONNECTION_DTO.auth, futureFlag: true } });
        return parsed.success;
      }),
    );
  });

  it("tolerates missing optional members and numeric-string timestamps", () => {
    const minimal = connectionItemSchema.parse({ id: "x", connectionSpec: { id: "ecadc60c-7455-4d87-84dc-2a0e293d997b" }, createdAt: "1700000000000", version: '"v1"' });
    const connection = toRemoteConnection(minimal);
    expect(connection).toMatchObject({ id: "x", name: "", state: "unknown", etag: '"v1"', createdAt: 1_700_000_000_000, auth: { specName: "", params: {}, secretParams: [] } });
    expect(connection.description).toBeUndefined();
  });

  it("rejects a connection without id or connection spec", () => {
    expect(connectionItemSchema.safeParse({ name: "x" }).success).toBe(false);
    expect(connectionItemSchema.safeParse({ id: "x" }).success).toBe(false);
  });

  it("reads list pages with and without _links", () => {
    expect(connectionListSchema.parse({ items: [CONNECTION_DTO] })._links).toBeUndefined();
    const page = connectionListSchema.parse({ items: [], _links: { next: { href: "/connections?continuationToken=abc" } }, count: 3 });
    expect(page._links?.next?.href).toContain("abc");
    expect(connectionListSchema.parse({})).toMatchObject({ items: [] });
  });
});

describe("other responses", () => {
  it("explore accepts the OpenAPI array and an {items} wrapper, defaulting flags", () => {
    const item = { type: "folder", name: "acme", path: "/acme/" };
    expect(exploreResponseSchema.parse([item])).toEqual([{ ...item, canPreview: false, canFetchSchema: false }]);
    expect(exploreResponseSchema.parse({ items: [{ ...item, canPreview: true, extra: 1 }] })[0]?.canPreview).toBe(true);
    expect(exploreResponseSchema.safeParse([{ name: "no type" }]).success).toBe(false);
  });

  it("IAM role config follows the source document's shape", () => {
    expect(iamRoleConfigSchema.parse({ configParams: { IAMRole: "arn:aws:iam::123456789012:role/x" } }).configParams.IAMRole).toMatch(/^arn:/);
    // The OpenAPI file declares an explore-item array here: that shape is not accepted.
    expect(iamRoleConfigSchema.safeParse([{ type: "folder", name: "x", path: "/x" }]).success).toBe(false);
  });

  it("test result must be a boolean", () => {
    expect(testConnectionResponseSchema.safeParse({ result: false }).success).toBe(true);
    expect(testConnectionResponseSchema.safeParse({ result: "true" }).success).toBe(false);
  });

  it("parseBody reports issues as bad_response without echoing the body", () => {
    const error = (() => {
      try {
        parseBody(testConnectionResponseSchema, { result: "s3cr3t-value" }, { requestId: "r", status: 200, what: "test" });
      } catch (e) {
        return e as FlowServiceError;
      }
      throw new Error("expected a failure");
    })();
    expect(error.kind).toBe("bad_response");
    expect(error.detail).toContain("result");
    expect(error.detail).not.toContain("s3cr3t-value");
  });
});
