// How the simulator's dataflows behave over time: live runs read S3 with the connection's
// current credentials when they fall due on the clock; seeded failures last until a rotation;
// a deleted base connection fails the next runs; faults and persistence.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimClock } from "@/simulators/clock";
import { startFlowServiceSimulator } from "@/simulators/flow-service";
import { createFakeS3, startHarness, type Harness } from "./support/harness";

let h: Harness;
const clock = createSimClock();

beforeAll(async () => {
  h = await startHarness({ sim: { seed: 0, clock } });
});
afterAll(async () => {
  await h.close();
});

async function control(path: string, body: unknown, sim = h.sim) {
  const response = await fetch(`${sim.origin}/__sim${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function connection(name: string, secret = h.s3.account.secretAccessKey) {
  return h.client.createConnection({ name, auth: { specName: "Access Key", params: { s3AccessKey: h.s3.account.accessKeyId, s3SecretKey: secret, bucketName: "acme-landing", folderPath: "incoming" } } });
}

async function patchSecret(id: string, secret: string) {
  const { connection: current } = await h.client.getConnection(id);
  await h.client.patchConnection(id, current.etag, [{ op: "replace", path: "/auth/params/s3SecretKey", value: secret }]);
}

/** The newest run that has finished (a synthetic run may still be in progress). */
async function latestRun(flowId: string) {
  const { runs } = await h.client.listRunsOf([flowId], { orderBy: "-createdAt", limit: 3 });
  return runs.find((run) => run.status !== "inProgress");
}

describe("live dataflows", () => {
  it("run on the clock against S3, fail while the stored credentials are refused, and recover after a rotation", async () => {
    const created = await connection(`live-${Date.now()}`);
    const made = await control("/dataflows", { baseConnectionId: created.id, flows: [{ name: "Orders every 15 min" }] });
    expect(made.status).toBe(201);
    const flowId = (made.body.flowIds as string[])[0]!;

    // The flow started three periods ago: its missed runs ran at creation, and read the bucket.
    const history = await h.client.listRunsOf([flowId], { orderBy: "-createdAt", limit: 10 });
    expect(history.runs.length).toBeGreaterThanOrEqual(3);
    expect(history.runs.every((r) => r.status === "success")).toBe(true);

    await patchSecret(created.id, "not-the-secret");
    clock.advance(15 * 60_000);
    await clock.settled();
    const failed = await latestRun(flowId);
    expect(failed?.status).toBe("failed");
    expect(failed?.errors.map((e) => e.code)).toEqual(expect.arrayContaining(["CONNECTOR-1001-500", "2200"]));
    expect(failed?.errors.some((e) => e.message.includes("SignatureDoesNotMatch"))).toBe(true);
    // S3 names the refused key in this error; the client never hands it on.
    expect(JSON.stringify(failed)).not.toContain(h.s3.account.accessKeyId);
    const { flows } = await h.client.listFlowsOf((await h.client.listSourceConnectionsOf([created.id])).sourceConnections.map((s) => s.id));
    expect(flows[0]?.lastRun?.status).toBe("failed");

    await patchSecret(created.id, h.s3.account.secretAccessKey);
    clock.advance(15 * 60_000);
    await clock.settled();
    expect((await latestRun(flowId))?.status).toBe("success");
  });

  it("fail the next runs once their base connection is deleted", async () => {
    const created = await connection(`doomed-${Date.now()}`);
    const made = await control("/dataflows", { baseConnectionId: created.id, flows: [{ name: "Doomed", frequency: "hour" }] });
    const flowId = (made.body.flowIds as string[])[0]!;
    await h.client.deleteConnection(created.id);
    clock.advance(3_600_000);
    await clock.settled();
    const run = await latestRun(flowId);
    expect(run?.status).toBe("failed");
    expect(run?.errors.some((e) => e.message.includes(`base connection ${created.id} could not be found`))).toBe(true);
  });

  it("refuses invalid dataflow specs with a readable 400", async () => {
    expect((await control("/dataflows", { baseConnectionId: "nope", flows: [{ name: "x" }] })).status).toBe(400);
    const created = await connection(`invalid-${Date.now()}`);
    const tooOften = await control("/dataflows", { baseConnectionId: created.id, flows: [{ name: "x", frequency: "minute", interval: 5 }] });
    expect(tooOften.status).toBe(400);
    expect(String(tooOften.body.detail)).toMatch(/at least 15/);
    expect((await control("/dataflows", { baseConnectionId: created.id, flows: [{ name: "x", failure: "ExpiredToken" }] })).status).toBe(400);
  });
});

describe("synthetic dataflows", () => {
  it("fail from the seeded moment until the base connection's credentials are patched, not when it is renamed", async () => {
    const created = await connection(`synthetic-${Date.now()}`);
    // Hourly, half an hour out of phase with now: the latest run finished half an hour ago.
    const startTime = Math.floor((clock.now() - 30 * 86_400_000 - 30 * 60_000) / 1000);
    const made = await control("/dataflows", {
      baseConnectionId: created.id,
      flows: [{ name: "Hourly", mode: "synthetic", frequency: "hour", startTime, failure: "ExpiredToken", failingSinceMs: clock.now() - 5 * 3_600_000 }],
    });
    const flowId = (made.body.flowIds as string[])[0]!;
    const recent = await h.client.listRunsOf([flowId], { orderBy: "-createdAt", limit: 8 });
    expect(recent.runs.slice(0, 5).map((r) => r.status)).toEqual(["failed", "failed", "failed", "failed", "failed"]);
    expect(recent.runs.at(-1)?.status).toBe("success");
    expect(recent.runs[0]?.errors.some((e) => e.message.includes("ExpiredToken: The provided token has expired."))).toBe(true);

    const { connection: current } = await h.client.getConnection(created.id);
    await h.client.patchConnection(created.id, current.etag, [{ op: "replace", path: "/name", value: `${current.name} renamed` }]);
    clock.advance(3_600_000);
    expect((await latestRun(flowId))?.status).toBe("failed");

    await patchSecret(created.id, "rotated-secret");
    clock.advance(3_600_000);
    expect((await latestRun(flowId))?.status).toBe("success");
  });

  it("serve a flow with a huge run list one page at a time", async () => {
    const created = await connection(`busy-${Date.now()}`);
    const made = await control("/dataflows", { baseConnectionId: created.id, flows: [{ name: "Busy", mode: "synthetic", frequency: "minute", interval: 15, startTime: Math.floor((clock.now() - 200 * 86_400_000) / 1000) }] });
    const flowId = (made.body.flowIds as string[])[0]!;
    const page = await h.client.listRunsOf([flowId], { orderBy: "-createdAt", limit: 5 });
    expect(page.runs).toHaveLength(5);
    const counted = await fetch(`${h.sim.url}/runs?property=flowId==${flowId}&count=true&limit=1`, { headers: { Authorization: `Bearer ${h.sim.issueToken()}`, "x-api-key": h.sim.clientId, "x-gw-ims-org-id": h.sim.orgId } });
    // 90 days of history at four runs an hour.
    expect(((await counted.json()) as { count: number }).count).toBeGreaterThan(8_000);
  });
});

describe("run pages of a synthetic flow", () => {
  it("are the same whether walked from the schedule's end (fast) or built in full (count=true)", async () => {
    const created = await connection(`paged-${Date.now()}`);
    const made = await control("/dataflows", {
      baseConnectionId: created.id,
      flows: [{ name: "Paged", mode: "synthetic", frequency: "hour", startTime: Math.floor((clock.now() - 3 * 86_400_000 - 20 * 60_000) / 1000), failure: "AccessDenied", failingSinceMs: clock.now() - 30 * 3_600_000 }],
    });
    const flowId = (made.body.flowIds as string[])[0]!;
    const headers = { Authorization: `Bearer ${h.sim.issueToken()}`, "x-api-key": h.sim.clientId, "x-gw-ims-org-id": h.sim.orgId };
    async function walk(query: string, count: boolean): Promise<string[]> {
      const ids: string[] = [];
      let next: string | undefined = `/runs?property=flowId==${flowId}&${query}${count ? "&count=true" : ""}`;
      while (next) {
        const body = (await (await fetch(`${h.sim.url}${next}`, { headers })).json()) as { items: { id: string }[]; _links: { next?: { href: string } } };
        ids.push(...body.items.map((item) => item.id));
        next = body._links.next?.href;
      }
      return ids;
    }
    for (const query of [
      "orderby=-createdAt&limit=7",
      "orderby=createdAt&limit=10",
      `orderby=-createdAt&limit=5&property=${encodeURIComponent("metrics.statusSummary.status==success")}`,
      `orderby=createdAt&limit=4&property=${encodeURIComponent(`createdAt>${clock.now() - 40 * 3_600_000}`)}`,
    ]) {
      const fast = await walk(query, false);
      expect(fast.length).toBeGreaterThan(0);
      expect(fast).toEqual(await walk(query, true));
    }
  });
});

describe("faults and persistence", () => {
  it("can leak a source connection of another sandbox into the base connection's listings", async () => {
    const created = await connection(`leaky-${Date.now()}`);
    const made = await control("/dataflows", { sandbox: "dev", leakIntoSandbox: "prod", baseConnectionId: created.id, flows: [{ name: "Cross-sandbox", mode: "synthetic" }] });
    expect(made.status).toBe(201);
    const { sourceConnections } = await h.client.listSourceConnectionsOf([created.id], { sandbox: "prod" });
    expect(sourceConnections).toEqual([expect.objectContaining({ id: made.body.sourceConnectionId, sandboxName: "dev" })]);
  });

  it("keeps dataflows and live runs across a restart", async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), "flow-sim-")), "state.json");
    const s3 = createFakeS3();
    const first = await startFlowServiceSimulator({ dataFile, seed: 30, s3: s3.adapter, persistDebounceMs: 0 });
    const base = first.connections("prod")[0]!;
    const made = await control("/dataflows", { baseConnectionId: base.id, flows: [{ name: "Kept" }] }, first);
    await first.close();
    const second = await startFlowServiceSimulator({ dataFile, seed: 30, s3: s3.adapter });
    try {
      const token = second.issueToken();
      const headers = { Authorization: `Bearer ${token}`, "x-api-key": second.clientId, "x-gw-ims-org-id": second.orgId };
      const flow = await fetch(`${second.url}/flows/${(made.body.flowIds as string[])[0]}`, { headers });
      expect(flow.status).toBe(200);
      const runs = (await (await fetch(`${second.url}/runs?property=flowId==${(made.body.flowIds as string[])[0]}`, { headers })).json()) as { items: unknown[] };
      expect(runs.items.length).toBeGreaterThanOrEqual(3);
      const seeded = (await (await fetch(`${second.url}/flows?count=true&limit=1`, { headers })).json()) as { count: number };
      expect(seeded.count).toBeGreaterThan(10);
    } finally {
      await second.close();
    }
  });
});
