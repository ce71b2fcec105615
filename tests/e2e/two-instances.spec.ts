// Two console instances (the standalone server twice) on one database, and 50 concurrent rotations of one
// connection through the server action, half on each. Requests that read the row after an earlier
// winner stored its etag may win in turn, so the rule is: exactly one winner per etag, every
// other request a conflict, and the stored etag equals Flow Service's at the end.
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { actionId, callAction } from "../../bench/server-action";
import { Session } from "../../bench/session";
import { createFlowServiceClient, flowServiceConfigFromEnv } from "../../lib/flow-service";
import { freePort } from "../../scripts/free-port";
import { startNextServer, type NextServer } from "../../scripts/stack/next-server";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_SECRET_ACCESS_KEY } from "../../simulators/s3/demo";
import { baseUrl } from "./support/sign-in";
import { E2E_USERS } from "./support/users";

type Result = { ok: boolean; data?: { remoteId?: string; etag?: string; previousEtag?: string }; error?: { code: string } };

test.describe.configure({ timeout: 120_000 });

let second: NextServer | undefined;
test.afterAll(async () => {
  await second?.stop();
});

test("50 concurrent rotations across two instances: one winner per etag, the rest conflicts, no lost update", async () => {
  const env = JSON.parse(process.env.E2E_CONSOLE_ENV!) as Record<string, string>;
  // Its log goes next to the first instance's, not into the test output.
  const logFile = join(dirname(process.env.E2E_CONSOLE_LOG!), "console-2.log");
  second = await startNextServer({ port: await freePort(), host: "127.0.0.1", env: { ...env, SYNC_INTERVAL_SECONDS: "0" }, logFile });
  const sessions = [new Session(baseUrl()), new Session(second.url)];
  for (const session of sessions) await session.signIn(E2E_USERS.operator.email, E2E_USERS.operator.password);

  const create = actionId("createConnectionAction", "app/(console)/connections/new/actions.ts");
  const rotate = actionId("rotateTokenAction", "app/(console)/connections/actions.ts");
  const created = (await callAction(sessions[0]!, {
    page: "/connections/new",
    id: create,
    args: [{ platform: "azure", submissionId: randomUUID(), name: `Two instances ${Date.now()}`, description: "", bucketName: DEMO_BUCKET, folderPath: "", s3AccessKey: DEMO_ACCESS_KEY_ID, s3SecretKey: DEMO_SECRET_ACCESS_KEY, s3SessionToken: "", sessionTokenExpiresAt: "", serviceUrl: "" }],
  })).result as Result;
  expect(created.ok).toBe(true);
  const remoteId = created.data!.remoteId!;

  const calls = Array.from({ length: 50 }, (_, i) =>
    callAction(sessions[i % 2]!, { page: "/connections", id: rotate, args: [remoteId, { s3SessionToken: `token-${i}`, sessionTokenExpiresAt: "", s3AccessKey: "", s3SecretKey: "" }] }),
  );
  const results = (await Promise.all(calls)).map((call) => call.result as Result);
  const winners = results.filter((r) => r.ok).map((r) => r.data!);
  expect(winners.length).toBeGreaterThanOrEqual(1);
  expect(results.filter((r) => !r.ok && r.error?.code === "conflict")).toHaveLength(50 - winners.length);
  // One winner per etag, and the winners form a chain from the etag the create stored.
  const used = winners.map((w) => w.previousEtag!);
  expect(new Set(used).size).toBe(winners.length);
  const produced = new Set([created.data!.etag!, ...winners.map((w) => w.etag!)]);
  for (const etag of used) expect(produced.has(etag)).toBe(true);

  const client = createFlowServiceClient(flowServiceConfigFromEnv(env));
  const remote = await client.getConnection(remoteId, { sandbox: "prod" });
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ etag: string }>('SELECT etag FROM "Connection" WHERE "remoteId" = $1', [remoteId]);
    expect(rows[0]?.etag).toBe(remote.connection.etag);
  } finally {
    await db.end();
  }
});
