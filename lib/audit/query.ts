// Reading the audit trail, filtered by actor, action, connection, sandbox and outcome, newest first.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** The sandbox filter's value for events of no sandbox (accounts, settings): no sandbox name has parentheses. */
export const NO_SANDBOX = "(none)";
export const AUDIT_OUTCOMES = ["success", "failure", "conflict"] as const;

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  connection: z.string().trim().max(100).optional().catch(undefined),
  sandbox: z.string().trim().max(100).optional().catch(undefined),
  outcome: z.enum(AUDIT_OUTCOMES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export const AUDIT_PAGE_SIZE = 50;

function auditWhere(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.actor ? { actorEmail: { contains: filter.actor, mode: "insensitive" as const } } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.connection ? { OR: [{ targetId: filter.connection }, { connection: { remoteId: filter.connection } }] } : {}),
    ...(filter.sandbox ? { sandboxName: filter.sandbox === NO_SANDBOX ? null : filter.sandbox } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
  };
}

export async function listAuditEvents(filter: AuditFilter) {
  const where = auditWhere(filter);
  const [events, total, actions] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: { occurredAt: "desc" },
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { connection: { select: { name: true, remoteId: true } } },
    }),
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  return { events, total, actions: actions.map((a) => a.action) };
}
