// Canary secrets through both wizard paths, a live bucket check (also aimed at an internal
// listener, which must see no connection) and rotations, then a search of everything the console
// kept or said: database rows, audit trail, logs (console output and the logger's JSON lines, at
// its most detailed level) and action results.
import "../support/next-request";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { rotateTokenAction, syncNowAction } from "@/app/(console)/connections/actions";
import { checkBucketAction, createConnectionAction } from "@/app/(console)/connections/new/actions";
import { log } from "@/lib/log";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET, DEMO_FOLDER } from "@/simulators/s3/demo";
import { startCountingListener, type CountingListener } from "../support/listener";
import { captureLogs, type LogCapture } from "../support/log-capture";
import { useTestServices } from "../support/use-test-services";
import { signInForTest } from "../support/next-request";
import { newTally, reportTally } from "./tally";

const CANARIES = ["CANARYsecret9f8e7d6c5b4a", "CANARYtoken1a2b3c4d5e6f", "CANARYrotated0a9b8c7d6e", "CANARYtriple5e4d3c2b1a0"];
const tally = newTally("secret canaries");

async function dumpDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    const parts: string[] = [];
    for (const { table_name } of tables.rows) parts.push(JSON.stringify((await client.query(`SELECT * FROM "${table_name}"`)).rows));
    return parts.join("\n");
  } finally {
    await client.end();
  }
}

describe("secrets never leave Flow Service and S3", () => {
  const services = useTestServices();
  const logged: string[] = [];
  let internal: CountingListener;
  let logs: LogCapture;
  const level = log.level;
  beforeAll(async () => {
    internal = await startCountingListener();
    await signInForTest("admin");
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
    logs = captureLogs();
    log.level = "trace";
  });
  afterAll(async () => {
    log.level = level;
    logs.stop();
    vi.restoreAllMocks();
    await internal.close();
    reportTally(tally);
  });

  it("finds no canary anywhere the console writes or answers", async () => {
    const results: unknown[] = [];
    const base = { bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER, s3AccessKey: DEMO_ACCESS_KEY_ID, s3SecretKey: CANARIES[0], s3SessionToken: CANARIES[1], sessionTokenExpiresAt: "", serviceUrl: "" };
    results.push(await checkBucketAction(base)); // S3 refuses the canary secret: the message must not echo it
    // Aimed inside, the canaries must not even leave: the egress guard refuses before connecting.
    for (const serviceUrl of [`http://127.0.0.1:${internal.port}`, `https://localhost:${internal.port}`, `http://0x7f.1:${internal.port}`]) {
      const refused = await checkBucketAction({ ...base, serviceUrl });
      expect(refused).toMatchObject({ ok: true, data: { passed: false, failure: { field: "serviceUrl" } } });
      results.push(refused);
    }
    tally.internalHits = internal.connections();
    expect(internal.connections()).toBe(0);
    const azure = await createConnectionAction({ platform: "azure", submissionId: randomUUID(), name: "Canary azure", description: "", ...base });
    results.push(azure);
    results.push(await createConnectionAction({ platform: "aws", submissionId: randomUUID(), name: "Canary aws", description: "", bucketName: DEMO_BUCKET, folderPath: DEMO_FOLDER, s3SecretKey: CANARIES[0] }));
    expect(azure, JSON.stringify(azure)).toMatchObject({ ok: true });
    if (!azure.ok) return;
    results.push(await rotateTokenAction(azure.data.remoteId, { s3SessionToken: CANARIES[2], sessionTokenExpiresAt: "" }));
    results.push(await rotateTokenAction(azure.data.remoteId, { s3SessionToken: CANARIES[3], s3AccessKey: "ASIACANARY0000000001", s3SecretKey: CANARIES[3], sessionTokenExpiresAt: "" }));
    services.flow.touch(azure.data.remoteId);
    results.push(await rotateTokenAction(azure.data.remoteId, { s3SessionToken: CANARIES[2], sessionTokenExpiresAt: "" })); // conflict path
    results.push(await syncNowAction());

    // Flow Service did receive them: the canaries are real, and the search below can find them.
    expect(JSON.stringify(services.flow.rawConnection(azure.data.remoteId))).toContain(CANARIES[3]);
    // The logger did write about all of it (so the search below searches something).
    const lines = logs.lines();
    expect(lines.filter((line) => line.msg === "action finished" || line.msg === "action failed")).toHaveLength(results.length);
    expect(lines.some((line) => line.msg === "flow service call" && line.operation === "patchConnection")).toBe(true);
    const haystacks = { database: await dumpDatabase(inject("databaseUrl")), "console output": logged.join("\n"), "JSON logs": logs.text(), results: JSON.stringify(results) };
    for (const [where, text] of Object.entries(haystacks)) {
      for (const canary of CANARIES) {
        if (text.includes(canary)) {
          tally.secretHits += 1;
          console.warn(`canary found in ${where}`);
        }
      }
    }
    tally.actions += results.length;
    tally.actionsSurvived += results.length;
    expect(tally.secretHits).toBe(0);
  });
});
