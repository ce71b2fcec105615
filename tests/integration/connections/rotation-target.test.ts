// The rotate action reads its connection's row as one json value in its session check's statement
// (lib/connections/rotation-target.ts): the value must be the row's own fields, typed as the
// rotation expects them, and nothing for another sandbox's row or an unknown id.
import { beforeEach, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { findStoredConnection } from "@/lib/connections/inventory";
import { parseRotationTarget, rotationTargetSchema, rotationTargetSelect } from "@/lib/connections/rotation-target";
import { resetDatabase } from "../support/reset";

async function readTarget(sandbox: string, remoteId: string) {
  const [row] = await db.$queryRaw<{ value: unknown }[]>`SELECT (${rotationTargetSelect(sandbox, remoteId)}) AS "value"`;
  return parseRotationTarget(row!.value);
}

describe(`the rotation's row read as one value (${inject("databaseTarget")})`, () => {
  beforeEach(async () => {
    await resetDatabase();
    await db.connection.createMany({
      data: [
        { sandboxName: "prod", remoteId: "conn-full", name: "Landing \"zone\" é", description: "Daily files", platform: "azure", authSpecName: "Access Key", bucketName: "acme-landing", folderPath: "in/", serviceUrl: "https://s3.eu-west-1.amazonaws.com", remoteState: "enabled", etag: '"0d00-abc"' },
        { sandboxName: "prod", remoteId: "conn-bare", name: "Bare", platform: "aws", authSpecName: "IAM Role", etag: '"0d00-def"' },
        { sandboxName: "dev", remoteId: "conn-dev", name: "Elsewhere", platform: "azure", authSpecName: "Access Key", etag: '"0d00-123"' },
      ],
    });
  });

  it("gives the row's fields, set or null, as findStoredConnection reads them", async () => {
    for (const remoteId of ["conn-full", "conn-bare"]) {
      const stored = await findStoredConnection("prod", remoteId);
      const fields = Object.keys(rotationTargetSchema.shape) as (keyof typeof rotationTargetSchema.shape)[];
      expect(await readTarget("prod", remoteId)).toEqual(Object.fromEntries(fields.map((field) => [field, stored![field]])));
    }
  });

  it("gives nothing for an unknown id or another sandbox's connection", async () => {
    expect(await readTarget("prod", "conn-missing")).toBeNull();
    expect(await readTarget("prod", "conn-dev")).toBeNull();
    expect(await readTarget("dev", "conn-dev")).toMatchObject({ name: "Elsewhere" });
  });

  it("refuses a value that is not such a row", () => {
    expect(() => parseRotationTarget({ id: "x", etag: '"1"' })).toThrow();
    expect(() => parseRotationTarget({ ...{ id: "x", etag: "e", name: "n", description: null, remoteState: null, bucketName: null, folderPath: null, serviceUrl: null, authSpecName: "a" }, platform: "gcp" })).toThrow();
  });
});
