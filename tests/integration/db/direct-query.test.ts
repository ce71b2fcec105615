// directQuery (lib/db.ts) sends a Prisma.sql statement straight to the pool Prisma uses: its values
// and rows must mean what they mean through Prisma, whatever the process's time zone.
import { afterEach, describe, expect, inject, it } from "vitest";
import { db, directQuery } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const zone = process.env.TZ;

describe(`directQuery (${inject("databaseTarget")})`, () => {
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("writes a Date as UTC wall time and reads a timestamp back as the same instant, outside UTC", async () => {
    // Node applies a changed TZ at once: pg's own Date handling would now shift by five hours.
    process.env.TZ = "America/New_York";
    const at = new Date("2026-07-01T12:34:56.789Z");
    const { rows } = await directQuery<{ at: Date; wall: string }>(Prisma.sql`SELECT ${at}::timestamp(3) AS "at", to_char(${at}::timestamp(3), 'YYYY-MM-DD HH24:MI:SS.MS') AS "wall"`);
    expect(rows[0]!.wall).toBe("2026-07-01 12:34:56.789");
    expect(rows[0]!.at.toISOString()).toBe(at.toISOString());
    const [throughPrisma] = await db.$queryRaw<{ at: Date }[]>`SELECT ${at}::timestamp(3) AS "at"`;
    expect(throughPrisma!.at.toISOString()).toBe(at.toISOString());
  });

  it("gives json parsed, nested statements and arrays of parameters as Prisma.sql builds them", async () => {
    const inner = Prisma.sql`SELECT json_build_object('names', ${["a", "b"]}::text[], 'count', ${2}::int)`;
    const { rows, rowCount } = await directQuery<{ value: { names: string[]; count: number } }>(Prisma.sql`SELECT (${inner}) AS "value"`);
    expect(rowCount).toBe(1);
    expect(rows[0]!.value).toEqual({ names: ["a", "b"], count: 2 });
  });

  it("counts the rows a write changed, and leaves the change to the database's constraints", async () => {
    const email = `direct-query-${process.pid}-${Date.now()}@example.com`;
    const insert = Prisma.sql`INSERT INTO "User" ("id", "email", "name", "role", "createdAt", "updatedAt") VALUES (gen_random_uuid(), ${email}, 'Direct', 'viewer', ${new Date()}, ${new Date()})`;
    expect((await directQuery(insert)).rowCount).toBe(1);
    await expect(directQuery(insert)).rejects.toThrow(/unique/i);
    await db.user.delete({ where: { email } });
  });

  it("prepares a repeated statement by name on its connection, through Prisma and directQuery alike", async () => {
    // Queries one at a time take the pool's most recently released connection: the same backend.
    const email = `prepared-${process.pid}-${Date.now()}@example.com`;
    for (let i = 0; i < 3; i++) expect(await db.user.findUnique({ where: { email }, select: { id: true } })).toBeNull();
    const check = Prisma.sql`SELECT ${email}::text AS "email"`;
    for (let i = 0; i < 3; i++) expect((await directQuery<{ email: string }>(check)).rows).toEqual([{ email }]);
    const { rows } = await directQuery<{ name: string; statement: string }>(Prisma.sql`SELECT "name", "statement" FROM pg_prepared_statements`);
    const named = (fragment: string) => rows.filter((row) => row.statement.includes(fragment)).map((row) => row.name);
    expect(named(`FROM "public"."User" WHERE`)).toEqual([expect.stringMatching(/^console_\d+$/)]);
    expect(named(`::text AS "email"`)).toEqual([expect.stringMatching(/^console_\d+$/)]);
  });
});
