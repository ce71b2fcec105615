"use server";

// Settings → Webhook alerts (admins): register, change, enable or disable, test, roll the secret
// of, and delete endpoints. The domain (lib/alerts) audits every change; the signing secret is in
// the answers of "register" and "roll secret" only.
import { z } from "zod";
import { formArg, plainArg } from "@/lib/actions/args";
import { defineAction } from "@/lib/actions/define-action";
import { createEndpointSchema, endpointIdSchema, rollSecretSchema, updateEndpointSchema } from "@/lib/alerts/endpoint-schema";
import { createEndpoint, deleteEndpoint, rollEndpointSecret, setEndpointEnabled, updateEndpoint } from "@/lib/alerts/endpoints";
import { sendTestEvent } from "@/lib/alerts/test-event";

const endpointArg = plainArg(endpointIdSchema, "This request does not name a valid webhook endpoint.");
const enabledArg = plainArg(z.boolean(), "Say whether the endpoint is to be enabled (true) or disabled (false).");
const pages = (id: string) => ["/settings", `/settings/webhooks/${id}`];

export const createWebhookEndpointAction = defineAction({
  name: "createWebhookEndpointAction",
  permission: "webhooks:manage",
  args: [formArg(createEndpointSchema)],
  run: ({ actor }, input) => createEndpoint(actor, input),
  revalidate: () => ["/settings"],
});

export const updateWebhookEndpointAction = defineAction({
  name: "updateWebhookEndpointAction",
  permission: "webhooks:manage",
  args: [endpointArg, formArg(updateEndpointSchema)],
  run: ({ actor }, id, input) => updateEndpoint(actor, id, input),
  revalidate: (_data, id) => pages(id),
});

export const setWebhookEndpointEnabledAction = defineAction({
  name: "setWebhookEndpointEnabledAction",
  permission: "webhooks:manage",
  args: [endpointArg, enabledArg],
  run: ({ actor }, id, enabled) => setEndpointEnabled(actor, id, enabled),
  revalidate: (_data, id) => pages(id),
});

export const rollWebhookSecretAction = defineAction({
  name: "rollWebhookSecretAction",
  permission: "webhooks:manage",
  args: [endpointArg, formArg(rollSecretSchema)],
  run: ({ actor }, id, input) => rollEndpointSecret(actor, id, input),
  revalidate: (_data, id) => pages(id),
});

export const deleteWebhookEndpointAction = defineAction({
  name: "deleteWebhookEndpointAction",
  permission: "webhooks:manage",
  args: [endpointArg],
  run: ({ actor }, id) => deleteEndpoint(actor, id),
  revalidate: () => ["/settings"],
});

export const sendTestWebhookAction = defineAction({
  name: "sendTestWebhookAction",
  permission: "webhooks:manage",
  args: [endpointArg],
  run: ({ actor, sandbox }, id) => sendTestEvent(actor, sandbox, id),
  revalidate: (_data, id) => pages(id),
});
