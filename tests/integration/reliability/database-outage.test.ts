// The database going away: every action answers with a clear, typed error and Flow Service sees
// no write, so nothing is half done. Then the database comes back and the same form works.
import "../support/next-request";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { rotateTokenAction, syncNowAction } from "@/app/(console)/connections/actions";
import { createConnectionAction } from "@/app/(console)/connections/new/actions";
import { disconnectDb } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { freePort } from "@/scripts/free-port";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_SECRET_ACCESS_KEY } from "@/simulators/s3/demo";
import { useTestServices } from "../support/use-test-services";
import { signInForTest } from "../support/next-request";
import { newTally, reportTally } from "./tally";

const tally = newTally("database outage");

async function pointDatabaseAt(url: string) {
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetServerEnv();
}

describe("the database goes away", () => {
  const services = useTestServices();
  beforeAll(async () => {
    await signInForTest("operator");
  });
  afterAll(async () => {
    await pointDatabaseAt(inject("databaseUrl"));
    reportTally(tally);
  });

  it("fails every action with a clear message and no write to Flow Service, then recovers", async () => {
    const form = { platform: "azure", submissionId: randomUUID(), name: "During outage", description: "", bucketName: DEMO_BUCKET, folderPath: "", s3AccessKey: DEMO_ACCESS_KEY_ID, s3SecretKey: DEMO_SECRET_ACCESS_KEY, s3SessionToken: "", sessionTokenExpiresAt: "", serviceUrl: "" };
    await pointDatabaseAt(`postgresql://postgres@127.0.0.1:${await freePort()}/gone`);
    services.flow.clearRequests();
    const results = [await createConnectionAction(form), await rotateTokenAction("some-id", { s3SessionToken: "t" }), await syncNowAction()];
    tally.faultsInjected += 1;
    for (const result of results) {
      tally.actions += 1;
      expect(result).toMatchObject({ ok: false, error: { code: "internal", message: expect.stringMatching(/database is not available.*Nothing was changed/) } });
      tally.actionsSurvived += 1;
    }
    expect(services.flow.requests().filter((r) => r.method !== "GET")).toEqual([]);

    await pointDatabaseAt(inject("databaseUrl"));
    const retried = await createConnectionAction(form);
    expect(retried.ok).toBe(true);
    expect(services.flow.connections("prod").filter((c) => c.name === "During outage")).toHaveLength(1);
  });
});
