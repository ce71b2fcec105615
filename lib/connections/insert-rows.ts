// New inventory rows, written by the sync (connections created outside the console) and by a
// creation (the row of the connection the console just created): one INSERT whose rows travel as
// one jsonb parameter, typed on the server by `jsonb_to_recordset`. Prisma's createMany spent about
// 30 ms per 100 rows compiling and mapping the query on the client, and a multi-row VALUES list
// still 11 ms, most of it binding 1,700 parameters one by one; as one jsonb value the same page
// takes 6 ms. Dates travel as ISO strings in UTC, which `timestamp(3)` reads as they are, as
// Prisma stores them. The column list is written once so that both writers store the same columns.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { remoteColumns } from "./remote-record";

type Mirrored = Omit<ReturnType<typeof remoteColumns>, "remoteState"> & { remoteState: string | null };

export type NewInventoryRow = Mirrored & {
  /** Chosen by the caller when it needs the id; otherwise the database draws one. */
  id?: string;
  sandboxName: string;
  remoteId: string;
  etag: string;
  lastSyncedAt: Date | null;
  credentialFingerprint: string | null;
  sessionTokenSetAt?: Date | null;
  sessionTokenExpiresAt?: Date | null;
};

/** Every column a new row is written with, in order, and the type `jsonb_to_recordset` reads it as. */
const COLUMNS = [
  ["sandboxName", "text"],
  ["remoteId", "text"],
  ["name", "text"],
  ["description", "text"],
  ["platform", "text"],
  ["authSpecName", "text"],
  ["bucketName", "text"],
  ["folderPath", "text"],
  ["serviceUrl", "text"],
  ["remoteState", "text"],
  ["etag", "text"],
  ["remoteEtag", "text"],
  ["remoteCreatedAt", "timestamp(3)"],
  ["remoteUpdatedAt", "timestamp(3)"],
  ["lastSyncedAt", "timestamp(3)"],
  ["credentialFingerprint", "text"],
  ["sessionTokenSetAt", "timestamp(3)"],
  ["sessionTokenExpiresAt", "timestamp(3)"],
] as const satisfies readonly (readonly [keyof NewInventoryRow, string])[];

const names = COLUMNS.map(([name]) => `"${name}"`).join(", ");
const values = COLUMNS.map(([name]) => (name === "platform" ? `r."platform"::"Platform"` : `r."${name}"`)).join(", ");
const types = COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(", ");

/**
 * The INSERT of `rows`, returning each new row's id and remote id. `onConflict: "skip"` leaves a
 * row that is already stored (sandbox and remote id) as it is and returns nothing for it, as a sync
 * wants; `"fail"` makes the statement fail, as a creation wants, so nothing it was to commit with
 * is written either.
 */
export function insertInventoryRows(rows: NewInventoryRow[], now: Date, onConflict: "skip" | "fail"): Prisma.Sql {
  const conflict = onConflict === "skip" ? Prisma.sql`ON CONFLICT ("sandboxName", "remoteId") DO NOTHING` : Prisma.empty;
  return Prisma.sql`
    INSERT INTO "Connection" ("id", ${Prisma.raw(names)}, "createdAt", "updatedAt")
    SELECT COALESCE(r."id", gen_random_uuid()), ${Prisma.raw(values)}, ${now}::timestamp(3), ${now}::timestamp(3)
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("id" uuid, ${Prisma.raw(types)})
    ${conflict}
    RETURNING "id", "remoteId"`;
}
