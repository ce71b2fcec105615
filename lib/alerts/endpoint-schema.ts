// What an admin may register as a webhook endpoint. One set of schemas for the Settings forms (as
// you type) and the server actions (the only check that counts). No server-only code here.
import { z } from "zod";
import { ALERT_EVENT_TYPES } from "./events";

export const WEBHOOK_FORMATS = ["json", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Shown beside a loopback http URL: accepted, but not for a real receiver. */
export const LOCAL_TESTING_NOTE = "For local testing only: plain http to this machine. A real receiver needs https.";

const MAX_URL_LENGTH = 2_048;

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (as the URL parser writes them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export type UrlCheck = { ok: true; url: string; localTesting: boolean } | { ok: false; message: string };

/** The URL rules: https; plain http only to this machine; no credentials in the URL. */
export function checkWebhookUrl(raw: string): UrlCheck {
  const text = raw.trim();
  if (!text) return { ok: false, message: "Enter the URL that receives the alerts." };
  if (text.length > MAX_URL_LENGTH) return { ok: false, message: `Use a URL of at most ${MAX_URL_LENGTH} characters.` };
  if (!URL.canParse(text)) return { ok: false, message: "Enter a full URL, for example https://alerts.example.com/s3-console." };
  const url = new URL(text);
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: `Use an https URL (this one starts with ${url.protocol}).` };
  if (url.username || url.password) return { ok: false, message: "Remove the user name and password from the URL: receivers check the console's signature instead." };
  if (!url.hostname) return { ok: false, message: "Enter a full URL, for example https://alerts.example.com/s3-console." };
  const localTesting = url.protocol === "http:";
  if (localTesting && !isLoopbackHost(url.hostname)) {
    return { ok: false, message: "Use https. Plain http is accepted only for this machine (localhost, 127.0.0.1 or [::1]), for local testing." };
  }
  url.hash = "";
  return { ok: true, url: url.href, localTesting };
}

/** True when the URL (valid or not yet) is plain http to this machine: the form shows the note. */
export function isLocalTestingUrl(raw: string): boolean {
  const checked = checkWebhookUrl(raw);
  return checked.ok && checked.localTesting;
}

export const webhookUrlSchema = z.string({ error: "Enter the URL that receives the alerts." }).transform((raw, context) => {
  const checked = checkWebhookUrl(raw);
  if (checked.ok) return checked.url;
  context.addIssue({ code: "custom", message: checked.message });
  return z.NEVER;
});

/**
 * What pages and the audit trail show of a URL: its origin (scheme, host, port) only. The path and
 * query may be a credential: Slack's incoming webhooks carry their token in the path, and many
 * receivers use an unguessable path as their only secret.
 */
export function displayWebhookUrl(url: string): string {
  const parsed = new URL(url);
  const more = parsed.pathname !== "/" || parsed.search !== "";
  return `${parsed.origin}/${more ? "…" : ""}`;
}

const nameSchema = z
  .string({ error: "Give the endpoint a name." })
  .trim()
  .min(1, "Give the endpoint a name, for example “Ops Slack channel”.")
  .max(100, "Use a name of at most 100 characters.");

const eventsSchema = z
  .array(z.enum(ALERT_EVENT_TYPES, { error: "Choose events from the list." }), { error: "Choose at least one event." })
  .min(1, "Choose at least one event.")
  .max(ALERT_EVENT_TYPES.length)
  .transform((events) => ALERT_EVENT_TYPES.filter((type) => events.includes(type)));

const formatSchema = z.enum(WEBHOOK_FORMATS, { error: "Choose the payload shape: JSON or Slack-compatible." });

/** Registering an endpoint. */
export const createEndpointSchema = z.object({ name: nameSchema, url: webhookUrlSchema, events: eventsSchema, format: formatSchema });
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;
export type CreateEndpoint = z.output<typeof createEndpointSchema>;

/** Changing one: the URL is fixed (register another endpoint to send elsewhere). */
export const updateEndpointSchema = z.object({ name: nameSchema, events: eventsSchema, format: formatSchema });
export type UpdateEndpoint = z.output<typeof updateEndpointSchema>;

/** "Roll secret": whether receivers may keep verifying with the previous secret for a day. */
export const rollSecretSchema = z.object({
  previous: z.enum(["expire-now", "keep-24h"], { error: "Say when the previous secret stops signing: now, or in 24 hours." }),
});
export type RollSecret = z.output<typeof rollSecretSchema>;

export const endpointIdSchema = z.uuid();
