// Demo data of the local stack: on the demo bucket, one connection feeding two healthy dataflows,
// one whose session token has expired, so its dataflow fails (automatic rotation off: a person
// rotates it), and one with 15-minute STS credentials that the console rotates on its own. All are
// live: their runs read the S3 test server every 15 minutes (hourly for one), so rotating the
// failing connection ("Rotate now") turns its next run green, and the third stays green.
//
// Made in the Flow Service simulator at start when missing (found again by name, so a restart
// never duplicates them), then imported into the console by one sync.
import type { FlowServiceSimulator } from "../../simulators/flow-service";
import { S3_SPEC_ID } from "../../simulators/flow-service/connection-spec";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_EXPIRED_ACCESS_KEY_ID, DEMO_EXPIRED_SECRET_ACCESS_KEY, DEMO_EXPIRED_SESSION_TOKEN, DEMO_FOLDER, DEMO_SECRET_ACCESS_KEY } from "../../simulators/s3/demo";
import { DEMO_ROTATION_ROLE_ARN } from "../../simulators/sts/demo";
import { askDatabase } from "./ask-database";

export const DEMO_HEALTHY_NAME = "Demo: orders landing (healthy dataflows)";
export const DEMO_FAILING_NAME = "Demo: events landing (expired session token)";
export const DEMO_AUTO_NAME = "Demo: clickstream landing (15-minute credentials, rotated automatically)";

type DemoConnection = { name: string; params: Record<string, string>; flows: { name: string; frequency: string; interval: number }[] };

const DEMO: DemoConnection[] = [
  {
    name: DEMO_HEALTHY_NAME,
    params: { s3AccessKey: DEMO_ACCESS_KEY_ID, s3SecretKey: DEMO_SECRET_ACCESS_KEY, bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER },
    flows: [
      { name: "Orders to the data lake", frequency: "minute", interval: 15 },
      { name: "Customers to the data lake", frequency: "hour", interval: 1 },
    ],
  },
  {
    name: DEMO_FAILING_NAME,
    params: { s3AccessKey: DEMO_EXPIRED_ACCESS_KEY_ID, s3SecretKey: DEMO_EXPIRED_SECRET_ACCESS_KEY, s3SessionToken: DEMO_EXPIRED_SESSION_TOKEN, bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER },
    flows: [{ name: "Events to the data lake", frequency: "minute", interval: 15 }],
  },
  {
    // Zero-click rotation, live: STS credentials of 15 minutes (the shortest AWS issues), which
    // the console's rotation policy renews before they expire, so this dataflow stays green.
    name: DEMO_AUTO_NAME,
    params: { s3AccessKey: DEMO_ACCESS_KEY_ID, s3SecretKey: DEMO_SECRET_ACCESS_KEY, bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER },
    flows: [{ name: "Clickstream to the data lake", frequency: "minute", interval: 15 }],
  },
];

export type DemoDataflows = {
  sandbox: string;
  /** Flow Service ids of the demo connections. */
  remoteIds: string[];
  /** The failing one, and the role "Rotate now" assumes for it. */
  rotation: { remoteId: string; roleArn: string };
  /** The one whose short-lived credentials are rotated automatically. */
  autoRotated: { remoteId: string; roleArn: string; durationSeconds: number };
};

async function call(sim: FlowServiceSimulator, url: string, body: unknown, sandbox: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${sim.issueToken()}`, "x-api-key": sim.clientId, "x-gw-ims-org-id": sim.orgId, "x-sandbox-name": sandbox, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`demo data: ${url} answered ${response.status} ${String(json.detail ?? "")}`);
  return json;
}

export async function ensureDemoDataflows(sim: FlowServiceSimulator): Promise<DemoDataflows> {
  const sandbox = sim.sandboxes[0] ?? "prod";
  const remoteIds: string[] = [];
  for (const demo of DEMO) {
    const existing = sim.connections(sandbox).find((c) => c.name === demo.name);
    let id = existing ? String(existing.id) : undefined;
    if (!id) {
      const created = await call(sim, `${sim.url}/connections`, { name: demo.name, description: "Created by the local stack for the dataflow demo", auth: { specName: "Access Key", params: demo.params }, connectionSpec: { id: S3_SPEC_ID, version: "1.0" } }, sandbox);
      id = String(created.id);
      await call(sim, `${sim.origin}/__sim/dataflows`, { baseConnectionId: id, name: `${demo.name} source`, flows: demo.flows }, sandbox);
    }
    remoteIds.push(id);
  }
  return { sandbox, remoteIds, rotation: { remoteId: remoteIds[1]!, roleArn: DEMO_ROTATION_ROLE_ARN }, autoRotated: { remoteId: remoteIds[2]!, roleArn: DEMO_ROTATION_ROLE_ARN, durationSeconds: 900 } };
}

/** What the demo still lacks in the console's database; all false once it has been imported. */
export type PendingDemoChanges = { sync: boolean; failingSource: boolean; autoSource: boolean };

/**
 * Read with `pg` alone, which this process has loaded anyway: on a restart nothing is missing, and
 * the app's modules (Prisma's client among them) cost about 0.8 s of CPU to load, beside a console
 * server that is starting (bench #9).
 */
export async function pendingDemoChanges(databaseUrl: string, demo: DemoDataflows): Promise<PendingDemoChanges> {
  const { rows } = await askDatabase(databaseUrl, (client) =>
    client.query<{ known: number; failing_unset: boolean | null; auto_unset: boolean | null }>(
      `SELECT count(*)::int AS known,
              bool_or("remoteId" = $3 AND "rotationRoleArn" IS NULL) AS failing_unset,
              bool_or("remoteId" = $4 AND "rotationRoleArn" IS NULL) AS auto_unset
         FROM "Connection" WHERE "sandboxName" = $1 AND "remoteId" = ANY($2::text[])`,
      [demo.sandbox, demo.remoteIds, demo.rotation.remoteId, demo.autoRotated.remoteId],
    ),
  );
  const row = rows[0];
  return { sync: (row?.known ?? 0) < demo.remoteIds.length, failingSource: row?.failing_unset === true, autoSource: row?.auto_unset === true };
}

/**
 * Brings the demo into the console: one sync of the sandbox when a demo connection is not in the
 * inventory yet (first start), and each rotation source the demo's connections lack. Nothing is
 * loaded when nothing is missing.
 */
export async function importDemoDataflows(demo: DemoDataflows, databaseUrl: string): Promise<void> {
  const pending = await pendingDemoChanges(databaseUrl, demo);
  if (!pending.sync && !pending.failingSource && !pending.autoSource) return;
  const { disconnectDb } = await import("../../lib/db");
  const { syncSandbox } = await import("../../lib/connections/sync");
  const { setRotationSource } = await import("../../lib/connections/rotation-source");
  const { setConnectionPolicy } = await import("../../lib/rotation-policy/set-policy");
  const actor = { email: "system@local-demo" };
  try {
    if (pending.sync) await syncSandbox(demo.sandbox, actor);
    // Asked again after a sync: the connections it imported have no rotation source yet.
    const after = pending.sync ? await pendingDemoChanges(databaseUrl, demo) : pending;
    if (after.failingSource) {
      await setRotationSource(demo.sandbox, demo.rotation.remoteId, { roleArn: demo.rotation.roleArn, durationSeconds: 3600 }, actor);
      // It stays failing until a person rotates it: automatic rotation is off for this one.
      await setConnectionPolicy(demo.sandbox, demo.rotation.remoteId, { mode: "off", thresholdPercent: null, minLeadMinutes: null }, actor);
    }
    if (after.autoSource) {
      await setRotationSource(demo.sandbox, demo.autoRotated.remoteId, { roleArn: demo.autoRotated.roleArn, durationSeconds: demo.autoRotated.durationSeconds }, actor);
      await setConnectionPolicy(demo.sandbox, demo.autoRotated.remoteId, { mode: "on", thresholdPercent: null, minLeadMinutes: null }, actor);
    }
  } finally {
    await disconnectDb();
  }
}
