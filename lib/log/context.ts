// What every log line written while serving one request carries without repeating it: the
// request id, and once known the actor, the action, the sandbox and the connection. Kept in an
// AsyncLocalStorage, so code far below the action (the Flow Service client) logs with it too.
import { AsyncLocalStorage } from "node:async_hooks";

export type LogContext = {
  requestId: string;
  action?: string;
  actor?: string;
  sandbox?: string;
  connectionId?: string;
};

type Stored = { fields: LogContext; flowRequestIdClaimed: boolean };

// On globalThis: Next may instantiate this module once per bundle layer; the store must be one.
const globalForContext = globalThis as unknown as { s3consoleLogContext?: AsyncLocalStorage<Stored> };
const storage = (globalForContext.s3consoleLogContext ??= new AsyncLocalStorage<Stored>());

export function withLogContext<T>(fields: LogContext, run: () => T): T {
  return storage.run({ fields: { ...fields }, flowRequestIdClaimed: false }, run);
}

/** Adds what became known while serving the request (the actor after authentication...). */
export function addLogContext(fields: Partial<Omit<LogContext, "requestId">>): void {
  const stored = storage.getStore();
  if (!stored) return;
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (stored.fields as Record<string, unknown>)[key] = value;
  }
}

export function logContext(): LogContext | undefined {
  return storage.getStore()?.fields;
}

/**
 * The request's id, once, for the Flow Service call that should carry it (lib/flow-service/server.ts
 * decides which), so the action's log line, its audit entry and Adobe's own logs share one id.
 * Undefined outside a request, or once claimed.
 */
export function claimRequestIdForFlowService(): string | undefined {
  const stored = storage.getStore();
  if (!stored || stored.flowRequestIdClaimed) return undefined;
  stored.flowRequestIdClaimed = true;
  return stored.fields.requestId;
}
