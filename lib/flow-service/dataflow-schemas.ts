/**
 * zod schemas of the dataflow listings the console reads: GET /sourceConnections, /flows and
 * /runs. Loose like schemas.ts: unknown members are ignored, only what the console uses is
 * read, and numbers Adobe sometimes sends as strings (scheduleParams) are tolerated.
 */
import { z } from "zod";

const epochMs = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const intLike = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
const links = z.looseObject({ next: z.looseObject({ href: z.string() }).nullish() }).nullish();

export const sourceConnectionItemSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  baseConnectionId: z.string().nullish(),
  sandboxName: z.string().optional(),
  state: z.string().optional(),
  params: z.looseObject({ path: z.unknown().optional() }).nullish(),
  createdAt: epochMs.optional(),
  updatedAt: epochMs.optional(),
});

export const sourceConnectionListSchema = z.looseObject({
  items: z.array(sourceConnectionItemSchema).default([]),
  _links: links,
  count: z.number().optional(),
});

export const flowItemSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  state: z.string().optional(),
  sandboxName: z.string().optional(),
  sourceConnectionIds: z.array(z.string()).default([]),
  scheduleParams: z
    .looseObject({ startTime: intLike.optional(), frequency: z.string().optional(), interval: intLike.optional() })
    .nullish(),
  lastRunDetails: z
    .looseObject({ id: z.string().optional(), state: z.string().optional(), startedAtUTC: epochMs.optional(), completedAtUTC: epochMs.optional() })
    .nullish(),
  createdAt: epochMs.optional(),
  updatedAt: epochMs.optional(),
});

export const flowListSchema = z.looseObject({
  items: z.array(flowItemSchema).default([]),
  _links: links,
  count: z.number().optional(),
});

const errorEntry = z.looseObject({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional() });
const statusSummary = z
  .looseObject({
    status: z.string().optional(),
    errors: z.array(errorEntry).nullish(),
    extensions: z.looseObject({ errorDetail: z.string().optional(), errors: z.array(errorEntry).nullish() }).nullish(),
  })
  .nullish();

export const runItemSchema = z.looseObject({
  id: z.string().min(1),
  flowId: z.string().optional(),
  createdAt: epochMs.optional(),
  sandboxName: z.string().optional(),
  metrics: z
    .looseObject({
      durationSummary: z.looseObject({ startedAtUTC: epochMs.optional(), completedAtUTC: epochMs.optional() }).nullish(),
      recordSummary: z.looseObject({ failedInfo: z.array(errorEntry).nullish() }).nullish(),
      statusSummary,
    })
    .nullish(),
  activities: z.array(z.looseObject({ statusSummary })).nullish(),
});

export const runListSchema = z.looseObject({
  items: z.array(runItemSchema).default([]),
  _links: links,
  count: z.number().optional(),
});

export type SourceConnectionItemDto = z.infer<typeof sourceConnectionItemSchema>;
export type FlowItemDto = z.infer<typeof flowItemSchema>;
export type RunItemDto = z.infer<typeof runItemSchema>;
