// "Next 24 hours": every token of the sandbox that expires in the window (or already has), when,
// and whether it will be rotated automatically, is paused, or needs a person.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { connectionsWithOpenItems } from "@/lib/runs/open-items";
import { automaticStatus, isAutomatic, type AutomaticStatus } from "./status";

export const UPCOMING_HOURS = 24;
export const UPCOMING_PAGE_SIZE = 100;

export type UpcomingToken = { remoteId: string; name: string; expiresAt: string; expired: boolean; status: AutomaticStatus; automatic: boolean };

function windowWhere(sandboxName: string, now: Date): Prisma.ConnectionWhereInput {
  return { sandboxName, remoteMissingSince: null, sessionTokenExpiresAt: { lte: new Date(now.getTime() + UPCOMING_HOURS * 3_600_000) } };
}

export async function listUpcoming(sandboxName: string, page = 1, now = new Date()): Promise<{ tokens: UpcomingToken[]; total: number; needPerson: number }> {
  const where = windowWhere(sandboxName, now);
  const [rows, total, sandboxDefault] = await Promise.all([
    db.connection.findMany({
      where,
      orderBy: [{ sessionTokenExpiresAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * UPCOMING_PAGE_SIZE,
      take: UPCOMING_PAGE_SIZE,
      select: { id: true, remoteId: true, name: true, sessionTokenExpiresAt: true, rotationRoleArn: true, autoRotation: true },
    }),
    db.connection.count({ where }),
    db.sandboxRotationDefault.findUnique({ where: { sandboxName } }),
  ]);
  const busy = await connectionsWithOpenItems(rows.map((row) => row.id));
  const tokens = rows.map((row) => {
    const status = automaticStatus(row, row.autoRotation, sandboxDefault, { inProgress: busy.has(row.id) });
    return { remoteId: row.remoteId, name: row.name, expiresAt: row.sessionTokenExpiresAt!.toISOString(), expired: row.sessionTokenExpiresAt! <= now, status, automatic: isAutomatic(status) };
  });
  return { tokens, total, needPerson: await countNeedingPerson(sandboxName, now, sandboxDefault?.enabled ?? true) };
}

/** Tokens in the window that no automatic rotation will renew (the sidebar's count). */
export async function countNeedingPerson(sandboxName: string, now = new Date(), defaultEnabled?: boolean): Promise<number> {
  const enabledByDefault = defaultEnabled ?? (await db.sandboxRotationDefault.findUnique({ where: { sandboxName } }))?.enabled ?? true;
  return db.connection.count({
    where: {
      ...windowWhere(sandboxName, now),
      OR: [
        { rotationRoleArn: null },
        { autoRotation: { state: "needs_attention" } },
        { autoRotation: { pausedAt: { not: null } } },
        { autoRotation: { enabled: false } },
        // With the sandbox default off, only connections switched on explicitly renew themselves.
        ...(enabledByDefault ? [] : [{ autoRotation: { is: null } }, { autoRotation: { enabled: null } }]),
      ],
    },
  });
}

export async function countInWindow(sandboxName: string, now = new Date()): Promise<number> {
  return db.connection.count({ where: windowWhere(sandboxName, now) });
}
