// Zero-click rotation against a clock that really runs out: STS credentials that live 20 seconds,
// an S3 server that refuses an expired token, Flow Service's explore reading with whatever the
// connection holds. With nobody at the keyboard, a connection with a policy is kept alive across
// three expiries (not one explore refused), and one without a policy fires token.expired once.
import "../support/next-request";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/background";
import { setRotationSource } from "@/lib/connections/rotation-source";
import { db } from "@/lib/db";
import { resetServerEnv } from "@/lib/env";
import { isFlowServiceError } from "@/lib/flow-service/errors";
import { flowService } from "@/lib/flow-service/server";
import { planRotations } from "@/lib/rotation-policy/plan";
import { setConnectionPolicy } from "@/lib/rotation-policy/set-policy";
import { DEMO_FOLDER } from "@/simulators/s3/demo";
import { DEMO_ROTATION_ROLE_ARN } from "@/simulators/sts";
import { loadReadmeVerifier } from "../../fixtures/webhooks/readme-verifier";
import { createDemoConnection } from "../support/connections";
import { useTestServices } from "../support/use-test-services";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { registerEndpoint, setQuickWebhookRetries } from "../support/webhooks";

const actor = { email: "ops@example.com" };
const LIFETIME_S = 20;
const WINDOW_MS = 3 * LIFETIME_S * 1000 + 10_000;

describe(`credentials kept alive with nobody at the keyboard (${inject("databaseTarget")})`, { timeout: 180_000 }, () => {
  useTestServices({ stsLifetimeSeconds: LIFETIME_S });
  let receiver: Receiver;
  beforeAll(async () => {
    setQuickWebhookRetries();
    // The planner looks every second; failed steps retry after a second.
    Object.assign(process.env, { ROTATION_PLAN_SECONDS: "1", JOB_RETRY_DELAY_SECONDS: "1" });
    resetServerEnv();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await stopBackgroundWork();
    await receiver.close();
  });

  it("rotates a connection with a policy before each expiry (no explore ever refused) and alerts once for one without", async () => {
    const endpoint = await registerEndpoint({ name: "Expiry alerts", url: `${receiver.url}/alerts`, events: ["token.expired"] });
    const { remoteId } = await createDemoConnection("Kept alive", actor, { folderPath: DEMO_FOLDER });
    await setRotationSource("prod", remoteId, { roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 900 }, actor);
    await setConnectionPolicy("prod", remoteId, { mode: "on", thresholdPercent: null, minLeadMinutes: null }, actor);
    // A connection nobody renews: its token expires a few seconds from now.
    const forgotten = await createDemoConnection("Forgotten", actor);
    await db.connection.updateMany({ where: { remoteId: forgotten.remoteId }, data: { sessionTokenSetAt: new Date(), sessionTokenExpiresAt: new Date(Date.now() + 3_000) } });

    await startBackgroundWork();
    // The first rotation replaces the demo keys with 20-second STS credentials.
    await expect.poll(() => db.auditEvent.count({ where: { action: "connection.rotation_completed" } }), { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(1);

    // From now on, AEP reads the folder every half second for three lifetimes and more.
    const refused: string[] = [];
    let reads = 0;
    const until = Date.now() + WINDOW_MS;
    while (Date.now() < until) {
      try {
        await flowService().explore(remoteId, { objectType: "root" }, { sandbox: "prod" });
      } catch (error) {
        refused.push(isFlowServiceError(error) ? `${error.kind}: ${error.detail ?? error.message}` : String(error));
      }
      reads += 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(reads).toBeGreaterThan(100);
    expect(refused).toEqual([]);
    const row = await db.connection.findFirstOrThrow({ where: { remoteId }, include: { autoRotation: true } });
    // Three expiries crossed: at least three more rotations, each minting 20-second credentials.
    expect(await db.auditEvent.count({ where: { action: "connection.rotation_completed", connectionId: row.id } })).toBeGreaterThanOrEqual(4);
    expect(row.sessionTokenExpiresAt!.getTime() - row.sessionTokenSetAt!.getTime()).toBeLessThanOrEqual(LIFETIME_S * 1000 + 2_000);
    expect(row.autoRotation).toMatchObject({ state: "ok", lastResult: "success" });

    // The forgotten one expired long ago: one alert, one signed delivery, whatever the planner passes.
    await Promise.all([planRotations(), planRotations()]);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const alerts = await db.alertEvent.findMany({ where: { type: "token.expired" } });
    expect(alerts.map((alert) => alert.connectionName)).toEqual(["Forgotten"]);
    expect(receiver.received).toHaveLength(1);
    const delivered = receiver.received[0]!;
    const verify = await loadReadmeVerifier();
    expect(verify(delivered.body, delivered.headers["x-s3console-signature"] as string, endpoint.secret)).toBe(true);
    expect(JSON.parse(delivered.body)).toMatchObject({ type: "token.expired", sandbox: "prod", connection: { remoteId: forgotten.remoteId, name: "Forgotten" } });
  });
});
