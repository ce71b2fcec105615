// Which connections a run will rotate: the selected ids or every row of an inventory filter, in
// the current sandbox only, minus those the chosen mode cannot rotate (each reason counted).
import "server-only";
import { db } from "@/lib/db";
import { inventoryFilter } from "@/lib/connections/inventory-filter";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInventoryQuery } from "@/lib/connections/inventory-query";
import { MAX_RUN_ITEMS, type RunMode, type RunSelection } from "./schemas";
import { formatCount } from "@/lib/format/count";

export type Candidate = { id: string; remoteId: string; name: string };

export type Selected =
  | { ok: true; eligible: Candidate[]; excluded: { reason: string; count: number }[] }
  | { ok: false; code: string; message: string };

const EXCLUSIONS: Record<RunMode, { reason: string; test: (row: Row) => boolean }[]> = {
  token: [
    { reason: "deleted in Flow Service", test: (row) => row.remoteMissingSince !== null },
    { reason: "AEP on AWS (IAM role): no session token", test: (row) => row.platform === "aws" },
  ],
  sts: [
    { reason: "deleted in Flow Service", test: (row) => row.remoteMissingSince !== null },
    { reason: "no rotation source (IAM role to assume)", test: (row) => row.rotationRoleArn === null },
  ],
};

type Row = Candidate & { platform: string; remoteMissingSince: Date | null; rotationRoleArn: string | null };
// One statement shape for both kinds of selection, so a run reads the same columns either way.
const readRows = (where: Prisma.Sql, limit?: number) =>
  db.$queryRaw<Row[]>(Prisma.sql`
    SELECT c."id", c."remoteId", c."name", c."platform"::text AS "platform", c."remoteMissingSince", c."rotationRoleArn"
    FROM "Connection" c WHERE ${where}
    ORDER BY c."name" ASC${limit === undefined ? Prisma.empty : Prisma.sql` LIMIT ${limit}`}`);

export async function selectConnections(sandboxName: string, mode: RunMode, selection: RunSelection): Promise<Selected> {
  let rows: Row[];
  if (selection.kind === "ids") {
    const wanted = [...new Set(selection.remoteIds)];
    rows = await readRows(Prisma.sql`c."sandboxName" = ${sandboxName} AND c."remoteId" = ANY(${wanted}::text[])`);
    const found = new Set(rows.map((row) => row.remoteId));
    const unknown = wanted.filter((id) => !found.has(id));
    if (unknown.length) {
      return { ok: false, code: "validation", message: `${unknown.length} of the selected connections ${unknown.length === 1 ? "is" : "are"} not in sandbox ${sandboxName} (${unknown.slice(0, 3).join(", ")}${unknown.length > 3 ? ", …" : ""}). Nothing was started.` };
    }
  } else {
    const query = parseInventoryQuery(selection.query);
    // The view's own filter (lib/connections/inventory-filter.ts), so a run rotates what the view showed.
    rows = await readRows(inventoryFilter(sandboxName, query), MAX_RUN_ITEMS + 1);
    if (rows.length > MAX_RUN_ITEMS) return { ok: false, code: "too_many", message: `This filter matches more than ${formatCount(MAX_RUN_ITEMS)} connections; narrow it. Nothing was started.` };
  }
  const counts = new Map<string, number>();
  const eligible = rows.filter((row) => {
    const rule = EXCLUSIONS[mode].find((candidate) => candidate.test(row));
    if (rule) counts.set(rule.reason, (counts.get(rule.reason) ?? 0) + 1);
    return !rule;
  });
  const excluded = [...counts].map(([reason, count]) => ({ reason, count }));
  if (eligible.length === 0) {
    const why = excluded.length ? `: ${excluded.map((e) => `${e.count} ${e.reason}`).join(", ")}` : "";
    return { ok: false, code: "empty", message: `No connection of this selection can be rotated ${mode === "sts" ? "with STS" : "with a session token"}${why}. Nothing was started.` };
  }
  // Rows chosen by id that this mode cannot rotate are a mistake to point out, not to skip silently.
  if (selection.kind === "ids" && excluded.length) {
    return { ok: false, code: "validation", message: `Some selected connections cannot be rotated ${mode === "sts" ? "with STS" : "with a session token"}: ${excluded.map((e) => `${e.count} ${e.reason}`).join(", ")}. Deselect them. Nothing was started.` };
  }
  return { ok: true, eligible: eligible.map(({ id, remoteId, name }) => ({ id, remoteId, name })), excluded };
}
