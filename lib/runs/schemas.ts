// Rotation runs: the schemas shared by the dialogs (browser) and the actions (server).
import { z } from "zod";
import { rotateTokenSchema } from "@/lib/connections/schemas";

export const RUN_MODES = ["token", "sts"] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** Selected rows are capped at what the inventory shows on one page; larger sets use a filter. */
export const MAX_SELECTED_IDS = 1_000;
/** The most connections one run may rotate (a filter over the whole inventory). */
export const MAX_RUN_ITEMS = 10_000;

const remoteId = z.string().trim().min(1).max(200).regex(/^[\w-]+$/, "Not a connection id.");

export const runSelectionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("ids"),
    remoteIds: z.array(remoteId).min(1, "Select at least one connection.").max(MAX_SELECTED_IDS, `Select at most ${MAX_SELECTED_IDS} connections, or rotate by filter.`),
  }),
  z.object({
    kind: z.literal("filter"),
    /** The inventory's URL search parameters (the same view the user is looking at). */
    query: z.record(z.string(), z.string().max(300)).refine((query) => Object.keys(query).length <= 20, "Too many filter parameters."),
  }),
]);
export type RunSelection = z.infer<typeof runSelectionSchema>;

export const startRunSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("token"), selection: runSelectionSchema, credentials: rotateTokenSchema }),
  z.object({ mode: z.literal("sts"), selection: runSelectionSchema }),
]);
/** What a form sends. */
export type StartRunInput = z.input<typeof startRunSchema>;
/** What the server works with, once parsed. */
export type StartRun = z.output<typeof startRunSchema>;

export const runIdSchema = z.uuid("Not a run id.");

/** "Retry failed": a token run needs its token again (it is erased once a run stops needing it). */
export const retryRunSchema = z.object({ credentials: rotateTokenSchema.optional() });
export type RetryRunInput = z.input<typeof retryRunSchema>;
export type RetryRun = z.output<typeof retryRunSchema>;

export const ITEM_STATES = ["waiting", "running", "done", "failed", "conflict", "cancelled"] as const;
export type ItemState = (typeof ITEM_STATES)[number];
/** Not settled yet: queued, or taken by a worker. A connection with such an item is not rotated again. */
export const UNFINISHED_ITEM_STATES = ["waiting", "running"] as const satisfies readonly ItemState[];
export type FinishedItemState = Exclude<ItemState, (typeof UNFINISHED_ITEM_STATES)[number]>;
export const FINISHED_ITEM_STATES: readonly FinishedItemState[] = ["done", "failed", "conflict", "cancelled"];
