/**
 * The Flow Service contract the console relies on, written once and run against both the
 * local simulator and (when credentials are provided) the real service. Tests in the suite
 * share one connection and run in order.
 */
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import {
  FlowServiceError,
  S3_CONNECTION_SPEC_ID,
  type FlowServiceClient,
  type FlowServiceConfig,
} from "@/lib/flow-service";

export interface ContractTarget {
  client: FlowServiceClient;
  clientWith(overrides: Partial<FlowServiceConfig>): FlowServiceClient;
  /** Access Key params for the connection the suite creates. */
  accessKeyParams: { s3AccessKey: string; s3SecretKey: string; bucketName?: string; folderPath?: string };
}

export interface ContractOptions {
  /** Simulator-only expectations: a working test result and explorable bucket. */
  simulator: boolean;
}

async function failure(promise: Promise<unknown>): Promise<FlowServiceError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof FlowServiceError)) throw new Error(`expected a FlowServiceError, got ${String(outcome)}`);
  return outcome;
}

const QUOTED_ETAG = /^".+"$/;

export function defineConnectionContract(target: () => ContractTarget, options: ContractOptions): void {
  const name = `s3-console-contract-${randomUUID()}`;
  let id = "";
  let etag = "";

  afterAll(async () => {
    if (id !== "") await target().client.deleteConnection(id).catch(() => undefined);
  });

  it("publishes the S3 connection spec with both auth specs", async () => {
    const { spec, requestId } = await target().client.getConnectionSpec();
    expect(spec.id).toBe(S3_CONNECTION_SPEC_ID);
    expect(spec.authSpecs.map((a) => a.name)).toEqual(expect.arrayContaining(["Access Key", "IAMRole Based"]));
    expect(requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it("returns AEP's IAM role for bucket policies", async () => {
    const outcome = await target().client.getIamRole().catch((error: unknown) => error);
    if (options.simulator || !(outcome instanceof FlowServiceError)) {
      expect((outcome as { iamRole: string }).iamRole).toMatch(/^arn:aws:iam::\d{12}:role\/.+/);
    }
  });

  it("creates an Access Key connection and returns a quoted etag", async () => {
    const created = await target().client.createConnection({
      name,
      description: "Created by the S3 Source Console contract tests",
      auth: { specName: "Access Key", params: target().accessKeyParams },
    });
    expect(created.adopted).toBe(false);
    expect(created.etag).toMatch(QUOTED_ETAG);
    id = created.id;
    etag = created.etag;
  });

  it("reads the connection back without its secret", async () => {
    const { connection, requestId } = await target().client.getConnection(id);
    expect(connection).toMatchObject({ id, name, etag, connectionSpec: { id: S3_CONNECTION_SPEC_ID }, auth: { specName: "Access Key" } });
    expect(typeof connection.createdAt).toBe("number");
    expect(JSON.stringify(connection)).not.toContain(target().accessKeyParams.s3SecretKey);
    expect(requestId).not.toBe("");
  });

  it("finds it by exact name, exactly once", async () => {
    const { connections } = await target().client.findConnectionsByName(name);
    expect(connections.map((c) => c.id)).toEqual([id]);
  });

  it("lists S3 connections page by page", async () => {
    const pages = [];
    for await (const page of target().client.listConnectionPages({ pageSize: 5 })) {
      pages.push(page);
      if (pages.length === 3) break;
    }
    expect(pages[0]?.connections.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(page.connections.length).toBeLessThanOrEqual(5);
      expect(page.connections.every((c) => c.connectionSpec.id === S3_CONNECTION_SPEC_ID)).toBe(true);
    }
    expect(new Set(pages.map((p) => p.requestId)).size).toBe(pages.length);
  });

  it("updates with If-Match and returns a new etag", async () => {
    const updated = await target().client.patchConnection(id, etag, [{ op: "replace", path: "/description", value: "Updated by the contract tests" }]);
    expect(updated.id).toBe(id);
    expect(updated.etag).toMatch(QUOTED_ETAG);
    expect(updated.etag).not.toBe(etag);
    const stale = etag;
    etag = updated.etag;
    const error = await failure(target().client.patchConnection(id, stale, [{ op: "replace", path: "/description", value: "stale" }]));
    expect(error.kind).toBe("precondition_failed");
    expect(error.requestId).not.toBe("");
  });

  it("rotates the session token as in the source document", async () => {
    const rotated = await target().client.patchConnection(id, etag, [{ op: "add", path: "/auth/params/s3SessionToken", value: `session-${randomUUID()}` }]);
    etag = rotated.etag;
    const { connection } = await target().client.getConnection(id);
    expect(connection.etag).toBe(etag);
    if (options.simulator) expect(connection.auth.secretParams).toContain("s3SessionToken");
  });

  it("tests connectivity with a boolean result", async () => {
    const { result } = await target().client.testConnection(id);
    expect(typeof result).toBe("boolean");
  });

  it("rejects an incomplete create as validation", async () => {
    const error = await failure(
      target().client.createConnection({ name: `${name}-invalid`, auth: { specName: "Access Key", params: { s3AccessKey: "AKIAONLY" } as never } }),
    );
    expect(error.kind).toBe("validation");
    if (options.simulator) expect(error.fields?.map((f) => f.field)).toContain("auth.params.s3SecretKey");
  });

  it("reports unknown ids as not_found", async () => {
    const unknown = randomUUID();
    expect((await failure(target().client.getConnection(unknown))).kind).toBe("not_found");
    expect((await failure(target().client.patchConnection(unknown, '"x"', [{ op: "remove", path: "/description" }]))).kind).toBe("not_found");
  });

  it("rejects wrong client credentials as unauthorized", async () => {
    const error = await failure(target().clientWith({ clientSecret: "definitely-not-the-secret" }).listConnections());
    expect(error.kind).toBe("unauthorized");
  });

  it("deletes with If-Match, after which the connection is gone", async () => {
    const deleted = await target().client.deleteConnection(id, etag);
    expect(deleted.alreadyDeleted).toBe(false);
    expect((await failure(target().client.getConnection(id))).kind).toBe("not_found");
    id = "";
  });
}
