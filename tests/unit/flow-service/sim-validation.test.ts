import { describe, expect, it } from "vitest";
import { applyPatch } from "@/simulators/flow-service/patch";
import type { StoredConnection } from "@/simulators/flow-service/types";
import { bucketNameProblem, validateCreate } from "@/simulators/flow-service/validation";
import { etagMatches, newEtag } from "@/simulators/flow-service/etag";
import { parseJsonBody } from "@/simulators/flow-service/http-io";
import { seedConnections } from "@/simulators/flow-service/seed";
import { maskAccessKey, toPublicConnection } from "@/simulators/flow-service/view";

const SPEC = { id: "ecadc60c-7455-4d87-84dc-2a0e293d997b", version: "1.0" };
const base = (auth: unknown) => ({ name: "n", auth, connectionSpec: SPEC });
const paths = (result: ReturnType<typeof validateCreate>) => (result.ok ? [] : result.errors.map((e) => e.path));

describe("create validation", () => {
  it("accepts both documented auth specs", () => {
    expect(validateCreate(base({ specName: "Access Key", params: { s3AccessKey: "a", s3SecretKey: "b", s3SessionToken: "c", serviceUrl: "https://s3.eu-west-1.amazonaws.com", bucketName: "my-bucket", folderPath: "x/y" } })).ok).toBe(true);
    expect(validateCreate(base({ specName: "IAMRole Based", params: { bucketName: "my-bucket" } })).ok).toBe(true);
  });

  it("requires the documented params and rejects unknown ones", () => {
    expect(paths(validateCreate(base({ specName: "Access Key", params: { s3AccessKey: "a" } })))).toEqual(["auth.params.s3SecretKey"]);
    expect(paths(validateCreate(base({ specName: "IAMRole Based", params: { s3AccessKey: "a" } })))).toEqual(["auth.params.s3AccessKey", "auth.params.bucketName"]);
    expect(paths(validateCreate(base({ specName: "Basic", params: {} })))).toEqual(["auth.specName"]);
  });

  it("checks connection spec id and version, name, and the body type", () => {
    expect(paths(validateCreate({ ...base({ specName: "IAMRole Based", params: { bucketName: "abc" } }), connectionSpec: { id: "x", version: "2.0" }, name: "" }))).toEqual(["name", "connectionSpec.id", "connectionSpec.version"]);
    expect(validateCreate({ name: "n", auth: { specName: "IAMRole Based", params: { bucketName: "abc" } }, connectionSpec: { id: SPEC.id } }).ok).toBe(true);
    expect(paths(validateCreate([]))).toEqual(["(body)"]);
  });

  it("applies the source document's bucket name rule", () => {
    expect(bucketNameProblem("ab")).toBeDefined();
    expect(bucketNameProblem("My-Bucket")).toBeDefined();
    expect(bucketNameProblem("-bucket")).toBeDefined();
    expect(bucketNameProblem("bucket-")).toBeDefined();
    expect(bucketNameProblem("a".repeat(64))).toBeDefined();
    expect(bucketNameProblem("acme-data-2024")).toBeUndefined();
  });
});

const connection: StoredConnection = {
  id: "c1",
  name: "n",
  sandboxName: "prod",
  connectionSpec: SPEC,
  state: "enabled",
  auth: { specName: "Access Key", params: { s3AccessKey: "AKIAEXAMPLE12345", s3SecretKey: "secret" } },
  etag: '"e"',
  createdAt: 1,
  updatedAt: 1,
  createdBy: "x",
  updatedBy: "x",
  createdClient: "x",
  updatedClient: "x",
};

describe("JSON Patch", () => {
  it("applies add/replace/remove in any case on allowed paths", () => {
    const result = applyPatch(connection, [
      { op: "REPLACE", path: "/name", value: "renamed" },
      { op: "add", path: "/description", value: "d" },
      { op: "Replace", path: "/auth/params/s3SessionToken", value: "tok" },
      { op: "ADD", path: "/auth/params/bucketName", value: "my-bucket" },
    ]);
    expect(result.ok && result.next).toMatchObject({ name: "renamed", description: "d", auth: { params: { s3SessionToken: "tok", bucketName: "my-bucket" } } });
    const removed = applyPatch({ ...connection, description: "d" }, [{ op: "remove", path: "/description" }]);
    expect(removed.ok && removed.next.description).toBeUndefined();
  });

  it("rejects other paths, required removals and bad values, atomically", () => {
    const result = applyPatch(connection, [
      { op: "replace", path: "/name", value: "ok" },
      { op: "replace", path: "/state", value: "disabled" },
      { op: "remove", path: "/auth/params/s3SecretKey" },
      { op: "replace", path: "/auth/params/bucketName", value: "Bad_Bucket" },
      { op: "move", path: "/name" },
      { op: "remove", path: "/name" },
    ]);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(["/state", "/auth/params/s3SecretKey", "/auth/params/bucketName", "[4].op", "/name"]);
    expect(connection.name).toBe("n");
  });

  it("requires a non-empty array", () => {
    expect(applyPatch(connection, {}).ok).toBe(false);
    expect(applyPatch(connection, []).ok).toBe(false);
  });
});

describe("simulator details", () => {
  it("etags look like Adobe's and compare with or without quotes", () => {
    const etag = newEtag(Date.UTC(2020, 1, 5), "1700d77b");
    expect(etag).toMatch(/^"[0-9a-f]{8}-0000-0200-0000-[0-9a-f]{8}0000"$/);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(etag.replace(/"/g, ""), etag)).toBe(true);
    expect(etagMatches('"other"', etag)).toBe(false);
  });

  it("rejects prototype-polluting keys and malformed JSON", () => {
    expect(parseJsonBody('{"a":{"__proto__":{"polluted":true}}}')).toEqual({ ok: false, reason: "forbidden-key" });
    expect(parseJsonBody('{"constructor":{}}')).toEqual({ ok: false, reason: "forbidden-key" });
    expect(parseJsonBody("{nope")).toEqual({ ok: false, reason: "malformed" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never shows secrets and masks the access key", () => {
    const view = JSON.stringify(toPublicConnection({ ...connection, auth: { ...connection.auth, params: { ...connection.auth.params, s3SessionToken: "tok-value" } } }, "ORG"));
    expect(view).not.toContain('"secret"');
    expect(view).not.toContain("tok-value");
    expect(view).not.toContain("AKIAEXAMPLE12345");
    expect(maskAccessKey("AKIAEXAMPLE12345")).toBe("AKIA********2345");
  });

  it("seeds 10,000 deterministic connections in well under a second", () => {
    const started = performance.now();
    const first = seedConnections({ count: 10_000, sandbox: "prod", clientId: "c" });
    const elapsed = performance.now() - started;
    expect(first).toHaveLength(10_000);
    expect(elapsed).toBeLessThan(1_000);
    expect(seedConnections({ count: 50, sandbox: "prod", clientId: "c" })).toEqual(first.slice(0, 50));
    expect(new Set(first.map((c) => c.id)).size).toBe(10_000);
    const iam = first.filter((c) => c.auth.specName === "IAMRole Based").length;
    const disabled = first.filter((c) => c.state === "disabled").length;
    expect(iam).toBeGreaterThan(2_000);
    expect(iam).toBeLessThan(4_000);
    expect(disabled).toBeGreaterThan(1_000);
    expect(validateCreate({ name: first[0]?.name, auth: first[0]?.auth, connectionSpec: SPEC }).ok).toBe(true);
  });
});
