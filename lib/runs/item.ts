// A run item with its run, as the workers read it.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type RunItem = Prisma.RotationRunItemGetPayload<{ include: { run: true } }>;

export function loadItem(itemId: string): Promise<RunItem | null> {
  return db.rotationRunItem.findUnique({ where: { id: itemId }, include: { run: true } });
}

export function runActor(item: RunItem) {
  return { id: item.run.createdById, email: item.run.createdByEmail };
}
