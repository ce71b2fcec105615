// The signing secrets and a URL whose path is a credential (as Slack's are), followed through
// everything after registration: edits, tests, alerts, failed and successful deliveries, a
// rolled secret, disabling and deleting. None of them may appear in the database (application
// tables, the queue's jobs, the audit trail), the logs, the payloads or any later action result.
import "../support/next-request";
import "../support/capture-log";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  rollWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEndpointEnabledAction,
  updateWebhookEndpointAction,
} from "@/app/(console)/settings/webhooks/actions";
import { raiseAlert } from "@/lib/alerts";
import { getEndpoint, listDeliveries, listEndpoints } from "@/lib/alerts/view";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/background";
import { loadReadmeVerifier } from "@/tests/fixtures/webhooks/readme-verifier";
import { capturedLog } from "../support/capture-log";
import { signInForTest } from "../support/next-request";
import { resetDatabase } from "../support/reset";
import { startReceiver, type Receiver } from "../support/webhook-receiver";
import { setQuickWebhookRetries, waitForDelivery } from "../support/webhooks";

const URL_CANARY = "CANARYurlPathToken0a1b2c3d";

async function dumpDatabase(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    const dump: Record<string, string> = {};
    for (const { table_name } of tables.rows) dump[table_name] = JSON.stringify((await client.query(`SELECT * FROM "${table_name}"`)).rows);
    dump["pgboss jobs"] = JSON.stringify((await client.query("SELECT * FROM pgboss.job")).rows);
    dump["pgboss archive"] = JSON.stringify((await client.query("SELECT * FROM pgboss.archive")).rows);
    return dump;
  } finally {
    await client.end();
  }
}

describe("webhook secrets after their one display", () => {
  let receiver: Receiver;
  const consoleLines: string[] = [];
  beforeAll(async () => {
    setQuickWebhookRetries({ retryLimit: 2 });
    await resetDatabase();
    await startBackgroundWork();
    receiver = await startReceiver((_request, index) => ({ status: index === 0 ? 500 : 200 }));
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleLines.push(args.map(String).join(" ")));
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await stopBackgroundWork();
    await receiver.close();
  });

  it("finds no secret and no URL path anywhere the console writes or answers", async () => {
    await signInForTest("admin");
    const url = `${receiver.url}/services/${URL_CANARY}`;
    const first = await createWebhookEndpointAction({ name: "Canary JSON", url, events: ["rotation.failed", "token.expired"], format: "json" });
    const second = await createWebhookEndpointAction({ name: "Canary Slack", url: `${url}/slack`, events: ["rotation.failed"], format: "slack" });
    if (!first.ok || !second.ok) throw new Error("registration failed");
    const rolled = await rollWebhookSecretAction(first.data.id, { previous: "keep-24h" });
    if (!rolled.ok) throw new Error("roll failed");
    const secrets = [first.data.secret, second.data.secret, rolled.data.secret];

    // Everything after the one display of each secret.
    const later: unknown[] = [];
    later.push(await updateWebhookEndpointAction(first.data.id, { name: "Canary JSON renamed", events: ["rotation.failed", "token.expired", "sync.failed"], format: "json" }));
    later.push(await sendTestWebhookAction(first.data.id));
    later.push(await raiseAlert({ type: "rotation.failed", sandbox: "prod", connection: { remoteId: "c1", name: "C1" }, step: "mint", requestId: "r1", message: "Rotation of C1 failed at mint.", dedupeKey: "canary:1" }));
    later.push(await raiseAlert({ type: "rotation.failed", sandbox: "prod", message: "Again.", dedupeKey: "canary:1" }));
    await waitForDelivery(second.data.id, (d) => d.status === "delivered");
    await expect.poll(async () => (await listDeliveries(first.data.id)).map((d) => d.status).sort(), { timeout: 30_000 }).toEqual(["delivered", "delivered"]);
    later.push(await setWebhookEndpointEnabledAction(first.data.id, false));
    later.push(await setWebhookEndpointEnabledAction(first.data.id, true));
    later.push(await sendTestWebhookAction(second.data.id));
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(5);
    later.push(await listEndpoints(), await getEndpoint(first.data.id), await listDeliveries(first.data.id), await listDeliveries(second.data.id));
    later.push(await deleteWebhookEndpointAction(second.data.id));

    // The canaries are real: the receiver got the URL's path and signatures made with the secrets.
    const verify = await loadReadmeVerifier();
    expect(receiver.received.some((r) => r.path.includes(URL_CANARY))).toBe(true);
    const signedByFirst = receiver.received.filter((r) => verify(r.body, r.headers["x-s3console-signature"] as string, first.data.secret));
    expect(signedByFirst.length).toBeGreaterThan(0);
    expect(receiver.received.some((r) => verify(r.body, r.headers["x-s3console-signature"] as string, rolled.data.secret))).toBe(true);
    // Some attempt failed (the receiver's first answer was 500), so an error message was written.
    expect(capturedLog.join("")).toContain("webhook delivery attempt failed");
    // With its reason in words (redacted), not reduced to a type by the error serializer.
    expect(capturedLog.join("")).toMatch(/"reason":"[^"]{3,}"/);

    const haystacks: Record<string, string> = {
      ...(await dumpDatabase(inject("databaseUrl"))),
      logs: capturedLog.join("") + consoleLines.join("\n"),
      "action results and views after creation": JSON.stringify(later),
      "payloads and headers": JSON.stringify(receiver.received.map((r) => ({ body: r.body, headers: r.headers }))),
    };
    expect(haystacks.AuditEvent).toContain("webhook.create");
    const hits = Object.entries(haystacks).flatMap(([where, text]) => [...secrets, URL_CANARY].filter((canary) => text.includes(canary)).map((canary) => `${canary.slice(0, 12)}… in ${where}`));
    expect(hits).toEqual([]);
  });
});
