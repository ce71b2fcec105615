// Reading the audit trail, filtered by actor, action and connection, newest first.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  connection: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(filter: AuditFilter) {
  const where = {
    ...(filter.actor ? { actorEmail: { contains: filter.actor, mode: "insensitive" as const } } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.connection ? { OR: [{ targetId: filter.connection }, { connection: { remoteId: filter.connection } }] } : {}),
  };
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
