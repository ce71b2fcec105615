// The only writer of the append-only audit trail.
import "server-only";
import { db } from "@/lib/db";
import type { AuditOutcome } from "@/lib/generated/prisma/client";
import { sanitizeAuditDetails } from "./sanitize";

export type AuditActor = { id?: string | null; email: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  targetType: "connection" | "user" | "session" | "sandbox" | "run" | "webhook";
  targetId?: string | null;
  connectionId?: string | null;
  sandboxName?: string | null;
  outcome: AuditOutcome;
  requestId?: string | null;
  details?: Record<string, unknown>;
};

/** Pass a transaction client to make the event part of the change it describes. */
export async function recordAuditEvent(input: AuditInput, client: Pick<typeof db, "auditEvent"> = db): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: input.actor.id ?? null,
      actorEmail: input.actor.email,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      connectionId: input.connectionId ?? null,
      sandboxName: input.sandboxName ?? null,
      outcome: input.outcome,
      requestId: input.requestId ?? null,
      details: input.details ? (sanitizeAuditDetails(input.details) as object) : undefined,
    },
  });
}
