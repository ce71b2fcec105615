/** dataFile persistence: atomic, debounced, survives restarts, and tolerant of a corrupt file. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFlowServiceClient } from "@/lib/flow-service";
import { startFlowServiceSimulator, type FlowServiceSimulator } from "@/simulators/flow-service";
import { allowOutbound } from "../support/outbound";
import { createFakeS3 } from "./support/harness";

const dir = mkdtempSync(join(tmpdir(), "flow-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function clientFor(sim: FlowServiceSimulator) {
  allowOutbound(sim.url);
  return createFlowServiceClient({
    baseUrl: sim.url,
    imsUrl: sim.imsUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    orgId: sim.orgId,
    scopes: "openid",
    defaultSandbox: "prod",
    timeoutMs: 2_000,
    maxRetries: 0,
  });
}

describe("persistence", () => {
  it("keeps connections, etags and secrets across a restart, without re-seeding", async () => {
    const dataFile = join(dir, "nested", "flow-service.json");
    const first = await startFlowServiceSimulator({ dataFile, seed: 12, s3: createFakeS3().adapter, persistDebounceMs: 20 });
    const created = await clientFor(first).createConnection({
      name: "persisted",
      auth: { specName: "Access Key", params: { s3AccessKey: "AKIAPERSISTEXAMPLE01", s3SecretKey: "persisted-secret" } },
    });
    await first.close();

    const raw = JSON.parse(readFileSync(dataFile, "utf8")) as { version: number; sandboxes: Record<string, unknown[]> };
    expect(raw.version).toBe(1);
    expect(raw.sandboxes.prod).toHaveLength(13);
    expect(readdirSync(join(dir, "nested")).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const second = await startFlowServiceSimulator({ dataFile, seed: 12, s3: createFakeS3().adapter });
    try {
      expect(second.connections("prod")).toHaveLength(13);
      const { connection } = await clientFor(second).getConnection(created.id);
      expect(connection.etag).toBe(created.etag);
      expect(second.rawConnection(created.id)?.auth.params.s3SecretKey).toBe("persisted-secret");
    } finally {
      await second.close();
    }
  });

  it("writes after a debounce without waiting for close", async () => {
    const dataFile = join(dir, "debounced.json");
    const sim = await startFlowServiceSimulator({ dataFile, s3: createFakeS3().adapter, persistDebounceMs: 10 });
    try {
      sim.seed(3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((JSON.parse(readFileSync(dataFile, "utf8")) as { sandboxes: { prod: unknown[] } }).sandboxes.prod).toHaveLength(3);
      sim.reset();
      await sim.flush();
      expect((JSON.parse(readFileSync(dataFile, "utf8")) as { sandboxes: { prod: unknown[] } }).sandboxes.prod).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });

  it("moves a corrupt file aside and starts empty", async () => {
    const dataFile = join(dir, "corrupt.json");
    writeFileSync(dataFile, "{ not json");
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    let sim: FlowServiceSimulator | undefined;
    try {
      sim = await startFlowServiceSimulator({ dataFile, s3: createFakeS3().adapter });
    } finally {
      process.stderr.write = stderr;
    }
    try {
      expect(sim.connections("prod")).toHaveLength(0);
      expect(readdirSync(dir).some((f) => f.startsWith("corrupt.json.corrupt-"))).toBe(true);
      expect(existsSync(dataFile)).toBe(false);
    } finally {
      await sim.close();
    }
  });
});
