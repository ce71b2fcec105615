// The inventory's table state lives in the URL (shareable, survives reload). This schema turns
// untrusted search params into a safe query: unknown values fall back to defaults, never to errors.
import { z } from "zod";

export const SORTABLE_COLUMNS = ["name", "platform", "authSpecName", "bucketName", "folderPath", "remoteState", "sessionTokenExpiresAt", "lastRotatedAt", "lastSyncedAt", "driftDetectedAt", "dataflows"] as const;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const one = (schema: z.ZodType) => z.preprocess((value) => (Array.isArray(value) ? value[0] : value), schema);

export const inventoryQuerySchema = z.object({
  q: one(z.string().trim().max(200).optional()).catch(undefined),
  platform: one(z.enum(["azure", "aws"]).optional()).catch(undefined),
  auth: one(z.enum(["Access Key", "IAMRole Based"]).optional()).catch(undefined),
  state: one(z.enum(["enabled", "disabled", "missing"]).optional()).catch(undefined),
  token: one(z.enum(["expired", "expiring", "attention"]).optional()).catch(undefined),
  days: one(z.coerce.number().int().min(1).max(365).default(7)).catch(7),
  drift: one(z.enum(["yes"]).optional()).catch(undefined),
  /** failing = has at least one failing dataflow (as of the last sync). */
  dataflows: one(z.enum(["failing"]).optional()).catch(undefined),
  sort: one(z.enum(SORTABLE_COLUMNS).default("name")).catch("name"),
  dir: one(z.enum(["asc", "desc"]).default("asc")).catch("asc"),
  page: one(z.coerce.number().int().min(1).max(100_000).default(1)).catch(1),
  size: one(z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as [z.ZodLiteral<10>, z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>])).default(25)).catch(25),
});

export type InventoryQuery = {
  q?: string;
  platform?: "azure" | "aws";
  auth?: "Access Key" | "IAMRole Based";
  state?: "enabled" | "disabled" | "missing";
  /** attention = expired or expiring within `days`. */
  token?: "expired" | "expiring" | "attention";
  days: number;
  drift?: "yes";
  dataflows?: "failing";
  sort: SortColumn;
  dir: "asc" | "desc";
  page: number;
  size: (typeof PAGE_SIZES)[number];
};

export function parseInventoryQuery(params: Record<string, string | string[] | undefined>): InventoryQuery {
  return inventoryQuerySchema.parse(params) as InventoryQuery;
}

/** The URL of the same view with some parameters changed (defaults are dropped to keep it short). */
export function inventoryHref(query: InventoryQuery, change: Partial<InventoryQuery>): string {
  const next = { ...query, ...change } as Record<string, unknown>;
  const defaults: Record<string, unknown> = { days: 7, sort: "name", dir: "asc", page: 1, size: 25 };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined || value === "" || defaults[key] === value) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `/connections?${text}` : "/connections";
}
