"use client";

import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { Field, fieldAria } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { WEBHOOK_FORMATS } from "@/lib/alerts/endpoint-schema";
import { ALERT_EVENT_TYPES, EVENT_DESCRIPTIONS } from "@/lib/alerts/events";
import { FORMAT_LABELS } from "./webhook-format";

export type EndpointValues = { name: string; url: string; events: string[]; format: "json" | "slack" };

const FORMAT_HINTS = {
  json: "The console's own JSON, for a receiver you run (verify its signature).",
  slack: "{ text, blocks }, for a Slack incoming webhook or anything that accepts Slack's shape.",
} as const;

/** Name, events and payload shape: the fields registering and editing share. */
export function EndpointFields({ register, errors }: { register: UseFormRegister<EndpointValues>; errors: FieldErrors<EndpointValues> }) {
  const eventsError = errors.events?.message ?? errors.events?.root?.message;
  return (
    <>
      <Field id="webhook-name" label="Name" hint="How pages and the audit log name it, for example “Ops Slack channel”." error={errors.name?.message}>
        <Input {...fieldAria("webhook-name", errors.name?.message, true)} {...register("name")} autoComplete="off" />
      </Field>
      <fieldset className="space-y-2" aria-describedby={eventsError ? "webhook-events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Events it receives</legend>
        {ALERT_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-start gap-2 text-sm">
            <input type="checkbox" value={type} className="mt-1" {...register("events")} />
            <span>
              <span className="font-mono text-xs">{type}</span>
              <span className="block text-xs text-slate-600">{EVENT_DESCRIPTIONS[type]}</span>
            </span>
          </label>
        ))}
        {eventsError ? (
          <p id="webhook-events-error" role="alert" className="text-xs font-medium text-red-700">
            {eventsError}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Payload shape</legend>
        {WEBHOOK_FORMATS.map((format) => (
          <label key={format} className="flex items-start gap-2 text-sm">
            <input type="radio" value={format} className="mt-1" {...register("format")} />
            <span>
              {FORMAT_LABELS[format]}
              <span className="block text-xs text-slate-600">{FORMAT_HINTS[format]}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </>
  );
}
