// pg-boss can write jobs through any executor: running its statements inside the console's own
// Prisma transaction makes "the run is recorded" and "its jobs are queued" one atomic fact, so
// accepted work cannot be lost between the two.
import "server-only";
import type PgBoss from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";

export function inTransaction(tx: Prisma.TransactionClient): PgBoss.ConnectionOptions {
  return {
    db: {
      executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
    },
  };
}
