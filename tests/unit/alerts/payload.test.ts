// What a receiver gets: the console's JSON with every fact, or Slack's { text, blocks } with the
// same facts, escaped for Slack's mrkdwn.
import { describe, expect, it } from "vitest";
import { buildPayload, jsonPayload, slackPayload, type AlertFacts } from "@/lib/alerts/payload";

const event: AlertFacts = {
  id: "4f1d7a52-9c3e-4b8e-a0d2-6c1e5b7f9a10",
  type: "rotation.failed",
  occurredAt: new Date("2026-11-30T03:00:12.345Z"),
  sandboxName: "prod",
  connectionRemoteId: "0c6d2a4e",
  connectionName: "Orders <feed> & co",
  step: "test",
  requestId: "req-123",
  message: "Rotation of Orders failed at step test: AEP could not read <folder> & gave up.",
};

describe("JSON payload", () => {
  it("carries the event id, type, time, sandbox, connection, step, request id and the human line", () => {
    expect(jsonPayload(event)).toEqual({
      version: 1,
      id: event.id,
      type: "rotation.failed",
      time: "2026-11-30T03:00:12.345Z",
      sandbox: "prod",
      connection: { remoteId: "0c6d2a4e", name: "Orders <feed> & co" },
      step: "test",
      requestId: "req-123",
      text: event.message,
    });
  });

  it("says null for what does not apply", () => {
    const payload = jsonPayload({ ...event, type: "sync.failed", connectionRemoteId: null, connectionName: null, step: null, requestId: null });
    expect(payload).toMatchObject({ connection: null, step: null, requestId: null, type: "sync.failed" });
  });
});

describe("Slack-compatible payload", () => {
  it("has a notification text and blocks with the same facts, escaped for mrkdwn", () => {
    const payload = slackPayload(event);
    expect(Object.keys(payload).sort()).toEqual(["blocks", "text"]);
    expect(payload.text).toBe("Rotation failed in sandbox prod (Orders &lt;feed&gt; &amp; co): Rotation of Orders failed at step test: AEP could not read &lt;folder&gt; &amp; gave up.");
    expect(payload.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: "*Rotation failed* in sandbox `prod`\nRotation of Orders failed at step test: AEP could not read &lt;folder&gt; &amp; gave up." } });
    const context = payload.blocks[1];
    expect(context?.type).toBe("context");
    const facts = context && context.type === "context" ? context.elements[0]!.text : "";
    for (const fact of ["Connection: Orders &lt;feed&gt; &amp; co (`0c6d2a4e`)", "Step: `test`", "Request id: `req-123`", `Event: \`${event.id}\``, "Time: 2026-11-30T03:00:12.345Z"]) expect(facts).toContain(fact);
  });

  it("leaves out facts that do not apply and keeps code spans closed", () => {
    const payload = slackPayload({ ...event, type: "test", connectionRemoteId: null, connectionName: null, step: null, requestId: "a`b" });
    expect(payload.text.startsWith("Test event in sandbox prod: ")).toBe(true);
    const facts = payload.blocks[1]?.type === "context" ? payload.blocks[1].elements[0]!.text : "";
    expect(facts).not.toContain("Connection");
    expect(facts).not.toContain("Step");
    expect(facts).toContain("Request id: `a'b`");
  });

  it("is chosen by the endpoint's format", () => {
    expect(buildPayload(event, "slack")).toHaveProperty("blocks");
    expect(buildPayload(event, "json")).toHaveProperty("version", 1);
  });
});
