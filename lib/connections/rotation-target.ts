// What a token rotation needs of its inventory row: the row to update, the etag to send as
// If-Match, the platform (AEP on AWS connections have no session token) and what a conflict shows
// beside Flow Service's version. The rotate action reads it in the same statement as its session
// check (`prefetch` in lib/actions/define-action.ts), so it comes back as one json value, checked
// here before the rotation trusts it.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { PLATFORMS } from "./schemas";

export const rotationTargetSchema = z.object({
  id: z.string(),
  etag: z.string(),
  platform: z.enum(PLATFORMS),
  name: z.string(),
  description: z.string().nullable(),
  remoteState: z.string().nullable(),
  bucketName: z.string().nullable(),
  folderPath: z.string().nullable(),
  serviceUrl: z.string().nullable(),
  authSpecName: z.string(),
});

export type RotationTarget = z.infer<typeof rotationTargetSchema>;

// The json's keys and columns are the schema's own keys (constants of this file, each a column of
// "Connection" under the same name), so the statement and its check list the fields once.
const JSON_FIELDS = Prisma.raw(
  Object.keys(rotationTargetSchema.shape)
    .map((field) => `'${field}', c."${field}"`)
    .join(", "),
);

/** One json value, or NULL when the sandbox's inventory has no such connection (a scalar subquery). */
export function rotationTargetSelect(sandboxName: string, remoteId: string): Prisma.Sql {
  return Prisma.sql`SELECT json_build_object(${JSON_FIELDS}) FROM "Connection" c WHERE c."sandboxName" = ${sandboxName} AND c."remoteId" = ${remoteId}`;
}

/** The subquery's value: the row's fields, or null for no row. Anything else is a bug, and throws. */
export function parseRotationTarget(value: unknown): RotationTarget | null {
  return rotationTargetSchema.nullable().parse(value);
}
