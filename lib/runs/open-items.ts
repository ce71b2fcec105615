// Which connections have a rotation under way (an unfinished item in any run, whatever started
// it): the planner skips them and the pages show them as in progress.
import "server-only";
import { db } from "@/lib/db";
import { UNFINISHED_ITEM_STATES } from "./schemas";

/** The ids among `connectionIds` with an unfinished rotation item. */
export async function connectionsWithOpenItems(connectionIds: readonly string[]): Promise<Set<string>> {
  if (connectionIds.length === 0) return new Set();
  const items = await db.rotationRunItem.findMany({
    where: { connectionId: { in: [...connectionIds] }, status: { in: [...UNFINISHED_ITEM_STATES] } },
    select: { connectionId: true },
  });
  // The column is nullable (an item outlives its connection), but `in` never matches a null.
  return new Set(items.flatMap((item) => (item.connectionId ? [item.connectionId] : [])));
}
