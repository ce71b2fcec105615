// What the Runs pages show: each run with its counts per state, its pace and time left, and one
// page of its items. Counts come from one grouped query over the (runId, status) index.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ITEM_STATES, type ItemState } from "./schemas";

export type RunCounts = Record<ItemState, number>;

export type RunSummary = {
  id: string;
  mode: string;
  status: string;
  total: number;
  createdAt: string;
  createdByEmail: string;
  finishedAt: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  selection: unknown;
  counts: RunCounts;
};

export type RunProgress = RunSummary & { perMinute: number | null; secondsLeft: number | null };

export type RunItemView = { id: string; remoteId: string; name: string; status: string; attempts: number; message: string | null; errorCode: string | null; requestId: string | null; startedAt: string | null; finishedAt: string | null };

export const RUNS_PAGE_SIZE = 25;
export const ITEMS_PAGE_SIZE = 50;

export const runItemsQuerySchema = z.object({
  status: z.enum(ITEM_STATES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type RunItemsQuery = z.infer<typeof runItemsQuerySchema>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

function emptyCounts(): RunCounts {
  return Object.fromEntries(ITEM_STATES.map((state) => [state, 0])) as RunCounts;
}

async function countsByRun(runIds: string[]): Promise<Map<string, RunCounts>> {
  const groups = runIds.length ? await db.rotationRunItem.groupBy({ by: ["runId", "status"], where: { runId: { in: runIds } }, _count: { _all: true } }) : [];
  const out = new Map(runIds.map((id) => [id, emptyCounts()]));
  for (const group of groups) {
    const counts = out.get(group.runId)!;
    if ((ITEM_STATES as readonly string[]).includes(group.status)) counts[group.status as ItemState] = group._count._all;
  }
  return out;
}

type RunRow = { id: string; mode: string; status: string; total: number; createdAt: Date; createdByEmail: string; finishedAt: Date | null; cancelledAt: Date | null; cancelledBy: string | null; selection: unknown };
const RUN_SELECT = { id: true, mode: true, status: true, total: true, createdAt: true, createdByEmail: true, finishedAt: true, cancelledAt: true, cancelledBy: true, selection: true } as const;

function summary(row: RunRow, counts: RunCounts): RunSummary {
  return { ...row, createdAt: row.createdAt.toISOString(), finishedAt: iso(row.finishedAt), cancelledAt: iso(row.cancelledAt), counts };
}

export async function listRuns(sandboxName: string, page = 1): Promise<{ runs: RunSummary[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.rotationRun.findMany({ where: { sandboxName }, orderBy: { createdAt: "desc" }, skip: (page - 1) * RUNS_PAGE_SIZE, take: RUNS_PAGE_SIZE, select: RUN_SELECT }),
    db.rotationRun.count({ where: { sandboxName } }),
  ]);
  const counts = await countsByRun(rows.map((row) => row.id));
  return { runs: rows.map((row) => summary(row, counts.get(row.id)!)), total };
}

/** Items finished in the last minute set the pace; a younger run is measured since it started. */
async function pace(run: RunRow, counts: RunCounts, now: Date): Promise<{ perMinute: number | null; secondsLeft: number | null }> {
  const left = counts.waiting + counts.running;
  if (run.status !== "running" || left === 0) return { perMinute: null, secondsLeft: left === 0 ? 0 : null };
  const windowStart = new Date(Math.max(run.createdAt.getTime(), now.getTime() - 60_000));
  const recent = await db.rotationRunItem.count({ where: { runId: run.id, finishedAt: { gte: windowStart } } });
  const seconds = Math.max(1, (now.getTime() - windowStart.getTime()) / 1000);
  if (recent === 0) return { perMinute: 0, secondsLeft: null };
  const perSecond = recent / seconds;
  return { perMinute: Math.round(perSecond * 60), secondsLeft: Math.ceil(left / perSecond) };
}

export async function getRunProgress(sandboxName: string, runId: string, query: RunItemsQuery, now = new Date()): Promise<{ run: RunProgress; items: RunItemView[]; itemTotal: number } | null> {
  const row = await db.rotationRun.findFirst({ where: { id: runId, sandboxName }, select: RUN_SELECT });
  if (!row) return null;
  const where = { runId, ...(query.status ? { status: query.status } : {}) };
  const [counts, items, itemTotal] = await Promise.all([
    countsByRun([runId]).then((map) => map.get(runId)!),
    db.rotationRunItem.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (query.page - 1) * ITEMS_PAGE_SIZE, take: ITEMS_PAGE_SIZE }),
    db.rotationRunItem.count({ where }),
  ]);
  const run = { ...summary(row, counts), ...(await pace(row, counts, now)) };
  return {
    run,
    itemTotal,
    items: items.map((item) => ({ id: item.id, remoteId: item.remoteId, name: item.name, status: item.status, attempts: item.attempts, message: item.message, errorCode: item.errorCode, requestId: item.requestId, startedAt: iso(item.startedAt), finishedAt: iso(item.finishedAt) })),
  };
}
