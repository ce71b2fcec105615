// The body of a delivery: the console's own JSON, or a Slack-compatible message with the same
// facts. Built from the recorded event alone, so every attempt sends the same bytes.
import { EVENT_LABELS, type AlertContent, type DeliveredEventType } from "./events";
import type { WebhookFormat } from "./endpoint-schema";

export type AlertFacts = AlertContent & { id: string; occurredAt: Date };

export type JsonPayload = {
  version: 1;
  id: string;
  type: DeliveredEventType;
  time: string;
  sandbox: string;
  connection: { remoteId: string; name: string } | null;
  step: string | null;
  requestId: string | null;
  text: string;
};

type SlackText = { type: "mrkdwn"; text: string };
export type SlackPayload = { text: string; blocks: ({ type: "section"; text: SlackText } | { type: "context"; elements: SlackText[] })[] };

export function jsonPayload(event: AlertFacts): JsonPayload {
  return {
    version: 1,
    id: event.id,
    type: event.type,
    time: event.occurredAt.toISOString(),
    sandbox: event.sandboxName,
    connection: event.connectionRemoteId ? { remoteId: event.connectionRemoteId, name: event.connectionName ?? event.connectionRemoteId } : null,
    step: event.step,
    requestId: event.requestId,
    text: event.message,
  };
}

/** Slack's three control characters in mrkdwn; everything else is shown as typed. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A value in a code span: a backtick inside would end the span early. */
function code(text: string): string {
  return `\`${escapeSlack(text.replace(/`/g, "'"))}\``;
}

export function slackPayload(event: AlertFacts): SlackPayload {
  const label = EVENT_LABELS[event.type];
  const connection = event.connectionRemoteId ? `${event.connectionName ?? event.connectionRemoteId}` : null;
  const facts = [
    connection ? `Connection: ${escapeSlack(connection)} (${code(event.connectionRemoteId!)})` : null,
    event.step ? `Step: ${code(event.step)}` : null,
    event.requestId ? `Request id: ${code(event.requestId)}` : null,
    `Event: ${code(event.id)}`,
    `Time: ${event.occurredAt.toISOString()}`,
  ].filter((fact): fact is string => fact !== null);
  return {
    // The notification's text (and what clients without blocks show).
    text: escapeSlack(`${label} in sandbox ${event.sandboxName}${connection ? ` (${connection})` : ""}: ${event.message}`),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${escapeSlack(label)}* in sandbox ${code(event.sandboxName)}\n${escapeSlack(event.message)}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: facts.join(" · ") }] },
    ],
  };
}

export function buildPayload(event: AlertFacts, format: WebhookFormat): JsonPayload | SlackPayload {
  return format === "slack" ? slackPayload(event) : jsonPayload(event);
}
