// The inventory row as the browser receives it: plain strings, no secrets (none are stored).
import { tokenStatus, type TokenStatus } from "@/lib/connections/token-status";
import type { Connection, ConnectionDataflows } from "@/lib/generated/prisma/client";

export type InventoryRow = {
  remoteId: string;
  name: string;
  platform: "azure" | "aws";
  authSpecName: string;
  bucketName: string | null;
  folderPath: string | null;
  remoteState: string | null;
  missing: boolean;
  drift: boolean;
  token: TokenStatus;
  sessionTokenExpiresAt: string | null;
  sessionTokenSetAt: string | null;
  lastRotatedAt: string | null;
  lastSyncedAt: string | null;
  hasRotationSource: boolean;
  /** Dataflows reading through it and how many fail, as of the last sync; null before any. */
  dataflows: { total: number; failing: number } | null;
};

/** The stored columns a row is made from (the Prisma model's own types, not a copy of them). */
type StoredRow = Pick<
  Connection,
  | "remoteId"
  | "name"
  | "platform"
  | "authSpecName"
  | "bucketName"
  | "folderPath"
  | "remoteState"
  | "remoteMissingSince"
  | "driftDetectedAt"
  | "sessionTokenExpiresAt"
  | "sessionTokenSetAt"
  | "lastRotatedAt"
  | "lastSyncedAt"
  | "rotationRoleArn"
> & { dataflowSummary?: Pick<ConnectionDataflows, "total" | "failing"> | null };

export function toInventoryRow(row: StoredRow, now: Date, days: number): InventoryRow {
  return {
    remoteId: row.remoteId,
    name: row.name,
    platform: row.platform,
    authSpecName: row.authSpecName,
    bucketName: row.bucketName,
    folderPath: row.folderPath,
    remoteState: row.remoteState,
    missing: row.remoteMissingSince !== null,
    drift: row.driftDetectedAt !== null,
    token: tokenStatus(row, now, days),
    sessionTokenExpiresAt: row.sessionTokenExpiresAt?.toISOString() ?? null,
    sessionTokenSetAt: row.sessionTokenSetAt?.toISOString() ?? null,
    lastRotatedAt: row.lastRotatedAt?.toISOString() ?? null,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    hasRotationSource: row.rotationRoleArn !== null,
    dataflows: row.dataflowSummary ? { total: row.dataflowSummary.total, failing: row.dataflowSummary.failing } : null,
  };
}

/** "3 d ago", "in 5 h": short relative times for table cells. */
export function relative(iso: string | null, now: number): string {
  if (!iso) return "—";
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const [value, unit] = abs < 3_600_000 ? [Math.round(abs / 60_000), "min"] : abs < 86_400_000 ? [Math.round(abs / 3_600_000), "h"] : [Math.round(abs / 86_400_000), "d"];
  return diff < 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}
