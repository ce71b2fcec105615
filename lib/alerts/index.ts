// Interim door to the alerting module that the webhook work replaces at merge: same signature.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";

export type AlertType = "rotation.failed" | "rotation.needs_attention" | "token.expiring" | "token.expired" | "sync.failed";

export type AlertInput = {
  type: AlertType;
  sandbox: string;
  connection?: { remoteId: string; name: string };
  step?: "mint" | "set" | "test" | "finish";
  requestId?: string | null;
  message: string;
  dedupeKey: string;
};

export async function raiseAlert(event: AlertInput, _tx?: Prisma.TransactionClient): Promise<void> {
  log.warn({ alert: event.type, sandbox: event.sandbox, connectionId: event.connection?.remoteId, step: event.step, requestId: event.requestId }, event.message);
}
