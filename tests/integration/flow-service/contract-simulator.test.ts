/**
 * The contract suite against a freshly started simulator, plus a check that every response
 * the client received conforms to Adobe's OpenAPI file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineConnectionContract } from "./support/contract-suite";
import { startHarness, type Harness } from "./support/harness";
import { checkExchange, isKnownConfigsDiscrepancy } from "./support/openapi";

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ sim: { seed: 40 } });
});
afterAll(async () => {
  await h.close();
});

describe("Flow Service contract — local simulator", () => {
  defineConnectionContract(
    () => ({
      client: h.client,
      clientWith: h.clientWith,
      accessKeyParams: { s3AccessKey: h.s3.account.accessKeyId, s3SecretKey: h.s3.account.secretAccessKey, bucketName: "acme-landing" },
    }),
    { simulator: true },
  );
});

describe("OpenAPI conformance of every response received above", () => {
  it("validates each response against tests/fixtures/flow-service.openapi.yaml", () => {
    const checked = h.exchanges.filter((e) => !isKnownConfigsDiscrepancy(e));
    expect(checked.length).toBeGreaterThan(15);
    expect(checked.flatMap(checkExchange)).toEqual([]);
  });

  it("covers success and error statuses", () => {
    const statuses = new Set(h.exchanges.map((e) => e.status));
    for (const status of [200, 201, 204, 400, 404, 412]) expect(statuses).toContain(status);
  });

  it("records the configs discrepancy: the guide's object does not match the OpenAPI array", () => {
    const configs = h.exchanges.filter(isKnownConfigsDiscrepancy);
    expect(configs).toHaveLength(1);
    const exchange = configs[0];
    if (!exchange) throw new Error("no configs exchange");
    // OpenAPI: ExploreConnectionResponse (array). Source document: {configParams: {IAMRole}}.
    expect(checkExchange(exchange).length).toBeGreaterThan(0);
    expect(JSON.parse(exchange.bodyText)).toEqual({ configParams: { IAMRole: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//) } });
  });
});
