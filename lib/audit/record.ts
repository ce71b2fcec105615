// The only writer of the append-only audit trail.
import "server-only";
import { db, directQuery } from "@/lib/db";
import { Prisma, type AuditOutcome } from "@/lib/generated/prisma/client";
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

/**
 * A change to one inventory row and its audit event in one statement: `change` is an
 * `UPDATE "Connection" … RETURNING "id"`, or the `INSERT` of a new row. One statement commits or
 * fails as a whole, like a transaction of the two, in one round trip instead of four (BEGIN,
 * update, insert, COMMIT): the rotation's write went from 2.5 to 1.0 ms, and from 4.4 to 2.4 ms
 * when it follows the idle wait of a Flow Service call. The event names the row when the change
 * found it, and no row when it did not (deleted meanwhile: what happened at Flow Service stays on
 * record). `alongside` is one more write that must commit with them (a run's item, a creation's
 * submission): a data-modifying WITH runs exactly once, whether or not anything reads it. Sent
 * straight to the pool (directQuery, lib/db.ts): a rotation writes it right after its PATCH's wait.
 */
export async function recordConnectionChange(change: Prisma.Sql, input: Omit<AuditInput, "connectionId">, alongside?: Prisma.Sql): Promise<void> {
  const details = input.details ? JSON.stringify(sanitizeAuditDetails(input.details)) : null;
  const also = alongside ? Prisma.sql`, alongside AS (${alongside})` : Prisma.empty;
  await directQuery(Prisma.sql`
    WITH changed AS (${change})${also}
    INSERT INTO "AuditEvent" ("id", "occurredAt", "actorId", "actorEmail", "action", "sandboxName", "targetType", "targetId", "connectionId", "outcome", "requestId", "details")
    VALUES (gen_random_uuid(), ${new Date()}::timestamp(3), ${input.actor.id ?? null}::uuid, ${input.actor.email}, ${input.action}, ${input.sandboxName ?? null}, ${input.targetType}, ${input.targetId ?? null}, (SELECT "id" FROM changed), ${input.outcome}::"AuditOutcome", ${input.requestId ?? null}, ${details}::jsonb)`);
}
