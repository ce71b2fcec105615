/**
 * zod schemas of every Flow Service response the console reads. All are "loose": unknown
 * members are kept and ignored, so that Adobe adding fields never breaks the console.
 * Only what the console truly needs is required; secrets are never required.
 */
import { z } from "zod";

/** Epoch milliseconds; numeric strings are tolerated. */
const epochMs = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const connectionItemSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  description: z.string().nullish(),
  connectionSpec: z.looseObject({ id: z.string().min(1), version: z.string().optional() }),
  state: z.string().optional(),
  auth: z
    .looseObject({
      specName: z.string(),
      params: z.record(z.string(), z.unknown()).nullish(),
    })
    .optional(),
  etag: z.string().optional(),
  version: z.string().optional(),
  createdAt: epochMs.optional(),
  updatedAt: epochMs.optional(),
  createdBy: z.string().optional(),
  updatedBy: z.string().optional(),
  createdClient: z.string().optional(),
  updatedClient: z.string().optional(),
  sandboxId: z.string().optional(),
  sandboxName: z.string().optional(),
  imsOrgId: z.string().optional(),
});
export type ConnectionItemDto = z.infer<typeof connectionItemSchema>;

/** GET /connections and GET /connections/{id} (the latter wraps one item in `items`). */
export const connectionListSchema = z.looseObject({
  items: z.array(connectionItemSchema).default([]),
  _links: z
    .looseObject({ next: z.looseObject({ href: z.string() }).nullish() })
    .nullish(),
  count: z.number().optional(),
});

/** POST /connections (201) and PATCH /connections/{id} (200). */
export const createConnectionResponseSchema = z.looseObject({
  id: z.string().min(1),
  etag: z.string().min(1),
});

export const patchConnectionResponseSchema = z.looseObject({
  id: z.string().min(1),
  etag: z.string().min(1).optional(),
});

export const testConnectionResponseSchema = z.looseObject({ result: z.boolean() });

/**
 * GET /connectionSpecs/{id}/configs?authType=IamBasedAuthentication. The OpenAPI file says this
 * endpoint returns ExploreConnectionResponse (an array); Adobe's S3 guide shows this object.
 * We follow the guide.
 */
export const iamRoleConfigSchema = z.looseObject({
  configParams: z.looseObject({ IAMRole: z.string().min(1) }),
});

export const exploreItemSchema = z.looseObject({
  type: z.string(),
  name: z.string(),
  path: z.string(),
  canPreview: z.boolean().default(false),
  canFetchSchema: z.boolean().default(false),
});

/** The OpenAPI file declares a bare array; an `{items: [...]}` wrapper is tolerated too. */
export const exploreResponseSchema = z.union([
  z.array(exploreItemSchema),
  z.looseObject({ items: z.array(exploreItemSchema) }).transform((value) => value.items),
]);

export const connectionSpecItemSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  version: z.string().optional(),
  providerId: z.string().optional(),
  authSpec: z
    .array(
      z.looseObject({
        name: z.string(),
        type: z.string().optional(),
        spec: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .default([]),
});

export const connectionSpecListSchema = z.looseObject({
  items: z.array(connectionSpecItemSchema).default([]),
});
