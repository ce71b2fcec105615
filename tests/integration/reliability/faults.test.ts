// Faults injected into Flow Service during create, rotate and sync. Afterwards: no duplicate
// connection, no lost or wrong etag, and the database agrees with Flow Service after a sync.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createConnection } from "@/lib/connections/create-connection";
import { deleteConnection } from "@/lib/connections/delete-connection";
import { editConnection } from "@/lib/connections/edit-connection";
import { editConnectionSchema } from "@/lib/connections/edit-schema";
import { rotateSessionToken } from "@/lib/connections/rotate-token";
import { rotateTokenSchema } from "@/lib/connections/schemas";
import { syncSandbox } from "@/lib/connections/sync";
import { db } from "@/lib/db";
import type { FaultSpec } from "@/simulators/flow-service";
import { demoAzureInput } from "../support/connections";
import { useTestServices } from "../support/use-test-services";
import { newTally, reportTally } from "./tally";

const actor = { email: "reliability@example.com" };
const FAULTS: { label: string; spec: Omit<FaultSpec, "method" | "pathPattern"> }[] = [
  { label: "500", spec: { kind: "status", status: 500 } },
  { label: "503", spec: { kind: "status", status: 503 } },
  { label: "429 with Retry-After", spec: { kind: "status", status: 429, retryAfterSeconds: 1 } },
  { label: "timeout (hanging response)", spec: { kind: "hang" } },
  { label: "dropped connection", spec: { kind: "drop" } },
  { label: "dropped after commit", spec: { kind: "drop-after-commit" } },
  { label: "latency", spec: { kind: "latency", latencyMs: 300 } },
];

const tally = newTally("flow service faults");

const azure = (name: string) => demoAzureInput(name);

describe("faults during create, rotate, edit, delete and sync", () => {
  const services = useTestServices();
  afterAll(() => reportTally(tally));

  async function agreeAfterSync() {
    await syncSandbox("prod", actor);
    const remote = services.flow.connections("prod") as { id: string; name: string; etag: string }[];
    const names = remote.map((c) => c.name);
    tally.duplicates += names.length - new Set(names).size;
    const rows = await db.connection.findMany({ where: { sandboxName: "prod", remoteMissingSince: null } });
    expect(rows.map((r) => r.remoteId).sort()).toEqual(remote.map((c) => c.id).sort());
    for (const row of rows) {
      const current = remote.find((c) => c.id === row.remoteId)!;
      // A remote etag the console neither stored nor flagged would be a lost update.
      if (current.etag !== row.etag && row.driftDetectedAt === null) tally.lostUpdates += 1;
    }
  }

  for (const fault of FAULTS) {
    it(`create survives ${fault.label}`, async () => {
      services.flow.addFault({ method: "POST", pathPattern: "/connections$", ...fault.spec, times: 1 });
      tally.faultsInjected += 1;
      tally.actions += 1;
      const name = `create ${fault.label}`;
      const result = await createConnection(azure(name), actor, "prod");
      services.flow.clearFaults();
      tally.actionsSurvived += 1; // a typed result, not a crash
      if (result.ok) expect(result.data.name).toBe(name);
      else expect(result.error.message).not.toMatch(/stack|at \w+ \(/);
      await agreeAfterSync();
    });

    it(`rotation survives ${fault.label}`, async () => {
      const created = await createConnection(azure(`rotate ${fault.label}`), actor, "prod");
      if (!created.ok) throw new Error(created.error.message);
      const token = `token-${randomUUID()}`;
      services.flow.addFault({ method: "PATCH", pathPattern: `/connections/${created.data.remoteId}$`, ...fault.spec, times: 1 });
      tally.faultsInjected += 1;
      tally.actions += 1;
      const result = await rotateSessionToken("prod", created.data.remoteId, rotateTokenSchema.parse({ s3SessionToken: token }), actor);
      services.flow.clearFaults();
      tally.actionsSurvived += 1;
      const remote = services.flow.rawConnection(created.data.remoteId)!;
      const row = await db.connection.findFirstOrThrow({ where: { remoteId: created.data.remoteId } });
      if (result.ok) {
        // Reported as done: it must really be done, with the etag Flow Service now holds.
        if (remote.auth.params.s3SessionToken !== token || row.etag !== remote.etag) tally.lostUpdates += 1;
      }
      await agreeAfterSync();
    });
  }

  for (const fault of FAULTS) {
    it(`edit survives ${fault.label}`, async () => {
      const created = await createConnection(azure(`edit ${fault.label}`), actor, "prod");
      if (!created.ok) throw new Error(created.error.message);
      services.flow.addFault({ method: "PATCH", pathPattern: `/connections/${created.data.remoteId}$`, ...fault.spec, times: 1 });
      tally.faultsInjected += 1;
      tally.actions += 1;
      const renamed = `edited ${fault.label}`;
      const result = await editConnection("prod", created.data.remoteId, editConnectionSchema.parse({ name: renamed, description: "after a fault" }), actor);
      services.flow.clearFaults();
      tally.actionsSurvived += 1;
      const remote = services.flow.rawConnection(created.data.remoteId)!;
      const row = await db.connection.findFirstOrThrow({ where: { remoteId: created.data.remoteId } });
      if (result.ok && (remote.name !== renamed || row.etag !== remote.etag)) tally.lostUpdates += 1;
      await agreeAfterSync();
    });

    it(`delete survives ${fault.label}`, async () => {
      const name = `delete ${fault.label}`;
      const created = await createConnection(azure(name), actor, "prod");
      if (!created.ok) throw new Error(created.error.message);
      services.flow.addFault({ method: "DELETE", pathPattern: `/connections/${created.data.remoteId}/?$`, ...fault.spec, times: 1 });
      tally.faultsInjected += 1;
      tally.actions += 1;
      const result = await deleteConnection("prod", created.data.remoteId, name, actor);
      services.flow.clearFaults();
      tally.actionsSurvived += 1;
      const remote = services.flow.rawConnection(created.data.remoteId);
      // Reported as deleted: it must be gone remotely too (a connection the user believes gone
      // but that still holds their keys would be the worst kind of lost update).
      if (result.ok && remote) tally.lostUpdates += 1;
      await agreeAfterSync();
    });
  }

  it("sync survives a failing and a slow listing", async () => {
    for (const fault of FAULTS.filter((f) => f.spec.kind !== "drop-after-commit")) {
      services.flow.addFault({ method: "GET", pathPattern: "/connections$", ...fault.spec, times: 1 });
      tally.faultsInjected += 1;
      tally.actions += 1;
      await syncSandbox("prod", actor).then(
        () => undefined,
        () => undefined,
      );
      services.flow.clearFaults();
      tally.actionsSurvived += 1;
      await agreeAfterSync();
    }
  });

  it("reports no duplicate and no lost update", () => {
    expect(tally.duplicates).toBe(0);
    expect(tally.lostUpdates).toBe(0);
  });
});
