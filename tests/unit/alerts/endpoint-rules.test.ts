// The URL rules and form schemas of webhook endpoints: https required, plain http only to this
// machine (and then the form says so), everything else refused with a message that says why.
import { describe, expect, it } from "vitest";
import { checkWebhookUrl, createEndpointSchema, displayWebhookUrl, isLocalTestingUrl, rollSecretSchema, updateEndpointSchema } from "@/lib/alerts/endpoint-schema";
import { alertInputSchema } from "@/lib/alerts/events";

describe("webhook URL rules", () => {
  it("accepts https URLs, normalised, without their fragment", () => {
    expect(checkWebhookUrl(" https://Alerts.Example.com/s3-console?team=ops#x ")).toEqual({ ok: true, url: "https://alerts.example.com/s3-console?team=ops", localTesting: false });
    expect(checkWebhookUrl("https://hooks.slack.com/services/T000/B000/XXXX")).toMatchObject({ ok: true, localTesting: false });
    expect(checkWebhookUrl("https://10.0.0.5:8443/hook")).toMatchObject({ ok: true, localTesting: false });
  });

  it("accepts plain http to this machine only, marked for local testing", () => {
    for (const url of ["http://localhost:4599/", "http://127.0.0.1:4599/hook", "http://127.1.2.3/", "http://[::1]:8080/x", "http://app.localhost/", "http://127.1/"]) {
      expect(checkWebhookUrl(url), url).toMatchObject({ ok: true, localTesting: true });
      expect(isLocalTestingUrl(url), url).toBe(true);
    }
    expect(isLocalTestingUrl("https://localhost/")).toBe(false);
    expect(isLocalTestingUrl("http://example.com/")).toBe(false);
    expect(isLocalTestingUrl("not a url")).toBe(false);
  });

  it("refuses plain http anywhere else, saying https is needed and loopback is the exception", () => {
    for (const url of ["http://alerts.example.com/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0:4599/", "http://[::ffff:127.0.0.1]/", "http://localhost.example.com/"]) {
      expect(checkWebhookUrl(url), url).toEqual({ ok: false, message: "Use https. Plain http is accepted only for this machine (localhost, 127.0.0.1 or [::1]), for local testing." });
    }
  });

  it("refuses other schemes, credentials in the URL, and what is not a URL", () => {
    expect(checkWebhookUrl("ftp://example.com/x")).toEqual({ ok: false, message: "Use an https URL (this one starts with ftp:)." });
    expect(checkWebhookUrl("javascript:alert(1)")).toEqual({ ok: false, message: "Use an https URL (this one starts with javascript:)." });
    expect(checkWebhookUrl("file:///etc/passwd")).toMatchObject({ ok: false, message: "Use an https URL (this one starts with file:)." });
    expect(checkWebhookUrl("https://user:pass@example.com/hook")).toEqual({ ok: false, message: "Remove the user name and password from the URL: receivers check the console's signature instead." });
    expect(checkWebhookUrl("example.com/hook")).toEqual({ ok: false, message: "Enter a full URL, for example https://alerts.example.com/s3-console." });
    expect(checkWebhookUrl("   ")).toEqual({ ok: false, message: "Enter the URL that receives the alerts." });
    expect(checkWebhookUrl(`https://example.com/${"x".repeat(2_100)}`)).toEqual({ ok: false, message: "Use a URL of at most 2048 characters." });
  });

  it("shows only the origin: the path may be the credential", () => {
    expect(displayWebhookUrl("https://hooks.slack.com/services/T000/B000/XXXX")).toBe("https://hooks.slack.com/…");
    expect(displayWebhookUrl("https://example.com/?token=abc")).toBe("https://example.com/…");
    expect(displayWebhookUrl("http://127.0.0.1:4599/")).toBe("http://127.0.0.1:4599/");
  });
});

describe("endpoint form schemas", () => {
  const valid = { name: " Ops channel ", url: "https://alerts.example.com/x", events: ["token.expired", "rotation.failed", "token.expired"], format: "json" };

  it("parses a valid registration: trimmed name, events deduplicated in a fixed order", () => {
    expect(createEndpointSchema.parse(valid)).toEqual({ name: "Ops channel", url: "https://alerts.example.com/x", events: ["rotation.failed", "token.expired"], format: "json" });
  });

  it("puts one clear message on each bad field", () => {
    const result = createEndpointSchema.safeParse({ name: "", url: "http://example.com/", events: [], format: "xml" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));
    expect(messages).toEqual({
      name: "Give the endpoint a name, for example “Ops Slack channel”.",
      url: "Use https. Plain http is accepted only for this machine (localhost, 127.0.0.1 or [::1]), for local testing.",
      events: "Choose at least one event.",
      format: "Choose the payload shape: JSON or Slack-compatible.",
    });
    expect(createEndpointSchema.safeParse({ ...valid, events: ["rotation.failed", "test"] }).error?.issues[0]?.message).toBe("Choose events from the list.");
    expect(createEndpointSchema.safeParse({ ...valid, url: undefined }).error?.issues[0]?.message).toBe("Enter the URL that receives the alerts.");
  });

  it("does not let an edit change the URL, and rolling needs a choice", () => {
    expect(updateEndpointSchema.parse({ ...valid, url: "https://elsewhere.example.com/" })).not.toHaveProperty("url");
    expect(rollSecretSchema.safeParse({}).error?.issues[0]?.message).toBe("Say when the previous secret stops signing: now, or in 24 hours.");
  });
});

describe("raiseAlert's input", () => {
  it("requires a known type, a sandbox, a message and a dedupe key; the rest is optional", () => {
    expect(alertInputSchema.safeParse({ type: "token.expired", sandbox: "prod", message: "Token expired.", dedupeKey: "k" }).success).toBe(true);
    expect(alertInputSchema.safeParse({ type: "test", sandbox: "prod", message: "x", dedupeKey: "k" }).success).toBe(false);
    expect(alertInputSchema.safeParse({ type: "rotation.failed", sandbox: "prod", message: "x", dedupeKey: "k", step: "explore" }).success).toBe(false);
    expect(alertInputSchema.safeParse({ type: "rotation.failed", sandbox: "prod", message: "  ", dedupeKey: "k" }).success).toBe(false);
    expect(alertInputSchema.safeParse({ type: "rotation.failed", sandbox: "prod", message: "x", dedupeKey: "" }).success).toBe(false);
  });

  it("shortens long free text instead of refusing the alert", () => {
    const parsed = alertInputSchema.parse({ type: "sync.failed", sandbox: "prod", connection: { remoteId: "c", name: "n".repeat(400) }, message: `  ${"m".repeat(5_000)} `, dedupeKey: "k" });
    expect(parsed.message).toHaveLength(1_000);
    expect(parsed.message.endsWith("m…")).toBe(true);
    expect(parsed.connection?.name).toHaveLength(300);
  });
});
