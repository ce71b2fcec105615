// One JSON line per server action, with the request context, and the same request id at Flow
// Service: what an operator greps for when a user reports a failed rotation.
import "../support/next-request";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { randomUUID } from "node:crypto";
import { rotateTokenAction } from "@/app/(console)/connections/actions";
import { createConnectionAction } from "@/app/(console)/connections/new/actions";
import { DEMO_ACCESS_KEY_ID, DEMO_BUCKET } from "@/simulators/s3/demo";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { createDemoConnection } from "../support/connections";
import { captureLogs, type LogCapture, type LogLine } from "../support/log-capture";
import { signInForTest } from "../support/next-request";
import { resetDatabase } from "../support/reset";
import { useTestServices } from "../support/use-test-services";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const actionLines = (logs: LogCapture) => logs.lines().filter((line) => line.msg === "action finished" || line.msg === "action failed");

describe(`action logs (${inject("databaseTarget")})`, () => {
  const services = useTestServices({ resetDatabase: false });
  let logs: LogCapture;
  const level = log.level;
  beforeAll(() => {
    log.level = "debug";
  });
  afterAll(() => {
    log.level = level;
  });
  beforeEach(async () => {
    await resetDatabase();
    await signInForTest("operator");
    logs = captureLogs();
  });
  afterEach(() => {
    logs.stop();
  });

  it("write one line per action with its context, outcome and duration, never its arguments", async () => {
    const { remoteId } = await createDemoConnection("Logged", { email: "setup@example.com" });
    services.flow.clearRequests();
    logs.clear();
    const result = await rotateTokenAction(remoteId, { s3SessionToken: "canary-logged-token-4242", sessionTokenExpiresAt: "" });
    expect(result.ok).toBe(true);

    const [line, ...others] = actionLines(logs);
    expect(others).toEqual([]);
    expect(line).toMatchObject({ level: "info", action: "rotateTokenAction", actor: "operator@example.com", sandbox: "prod", connectionId: remoteId, outcome: "success", service: "s3-source-console" });
    expect(line!.requestId).toMatch(UUID);
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(logs.text()).not.toContain("canary-logged-token-4242");

    // The action's request id is the x-request-id of its Flow Service call, and on that call's log line.
    const patch = services.flow.requests().find((r) => r.method === "PATCH");
    expect(patch?.requestId).toBe(line!.requestId);
    const call = logs.lines().find((l: LogLine) => l.msg === "flow service call" && l.operation === "patchConnection");
    expect(call).toMatchObject({ level: "debug", requestId: line!.requestId, flowRequestId: line!.requestId, status: 200, action: "rotateTokenAction" });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "connection.rotate_token" } });
    expect(audit.requestId).toBe(line!.requestId);
  });

  it("share the request id with the audited Flow Service call, after the lookups before it", async () => {
    const result = await createConnectionAction({ platform: "azure", submissionId: randomUUID(), name: "Created and logged", description: "", bucketName: DEMO_BUCKET, folderPath: "", s3AccessKey: DEMO_ACCESS_KEY_ID, s3SecretKey: "canary-create-secret", s3SessionToken: "", sessionTokenExpiresAt: "", serviceUrl: "" });
    expect(result.ok).toBe(true);
    const [line] = actionLines(logs);
    expect(line).toMatchObject({ action: "createConnectionAction", outcome: "success", connectionId: result.ok ? result.data.remoteId : undefined });
    const requests = services.flow.requests();
    expect(requests.find((r) => r.method === "POST")?.requestId).toBe(line!.requestId);
    expect(requests.filter((r) => r.requestId === line!.requestId)).toHaveLength(1);
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "connection.create" } })).requestId).toBe(line!.requestId);
    expect(logs.text()).not.toContain("canary-create-secret");
  });

  it("give the error code and Flow Service request id of a failure", async () => {
    const { remoteId } = await createDemoConnection("Conflicting", { email: "setup@example.com" });
    services.flow.touch(remoteId);
    logs.clear();
    const result = await rotateTokenAction(remoteId, { s3SessionToken: "canary-conflict-token", sessionTokenExpiresAt: "" });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
    const [line] = actionLines(logs);
    expect(line).toMatchObject({ outcome: "failure", errorCode: "conflict", flowRequestId: result.ok ? undefined : result.error.requestId, connectionId: remoteId });
    expect(logs.lines().find((l) => l.operation === "patchConnection" && l.status === 412)).toMatchObject({ level: "info", msg: "flow service call refused", outcome: "precondition_failed" });

    logs.clear();
    const invalid = await rotateTokenAction(remoteId, { s3SessionToken: "", sessionTokenExpiresAt: "canary-bad-date" });
    expect(invalid.ok).toBe(false);
    expect(actionLines(logs)).toEqual([expect.objectContaining({ outcome: "failure", errorCode: "validation", action: "rotateTokenAction" })]);
    expect(logs.text()).not.toMatch(/canary-(conflict-token|bad-date)/);
  });

  it("name no actor for an anonymous call", async () => {
    await signInForTest(null);
    const result = await rotateTokenAction("some-connection", { s3SessionToken: "t", sessionTokenExpiresAt: "" });
    expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    const [line] = actionLines(logs);
    expect(line).toMatchObject({ outcome: "failure", errorCode: "unauthenticated", action: "rotateTokenAction" });
    expect(line).not.toHaveProperty("actor");
    expect(line).not.toHaveProperty("connectionId");
  });
});
