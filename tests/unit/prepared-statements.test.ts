import { describe, expect, it } from "vitest";
import { createStatementNamer } from "@/lib/prepared-statements";

const select = (n: number) => `SELECT "id" FROM "Connection" WHERE "remoteId" = $1 LIMIT ${n}`;

describe("the query pool's statement namer", () => {
  it("names a text the second time it is seen, and the same text always by the same name", () => {
    const name = createStatementNamer();
    expect(name(select(1))).toBeUndefined();
    const first = name(select(1));
    expect(first).toBe("console_0");
    expect(name(select(1))).toBe(first);
    name(select(2));
    expect(name(select(2))).toBe("console_1");
    expect(name(select(1))).toBe(first);
  });

  it("names statements that read or write rows, whatever their case, and never transaction control", () => {
    const name = createStatementNamer();
    const twice = (text: string) => (name(text), name(text));
    expect(twice(`  with changed AS (UPDATE "Connection" SET "etag" = $1 RETURNING "id") INSERT INTO "AuditEvent" SELECT 1`)).toBeDefined();
    expect(twice(`insert into "User" ("id") values ($1)`)).toBeDefined();
    expect(twice(`DELETE FROM "UserSession" WHERE "id" = $1`)).toBeDefined();
    for (const control of ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT s1", "RELEASE SAVEPOINT s1", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "selection"]) {
      expect(twice(control), control).toBeUndefined();
    }
  });

  it("stops naming new texts at its limit, says so once, and keeps the names it gave", () => {
    const full: number[] = [];
    const name = createStatementNamer({ limit: 2, onFull: (limit) => full.push(limit) });
    for (const n of [1, 2, 3, 4]) name(select(n));
    expect([name(select(1)), name(select(2)), name(select(3)), name(select(4))]).toEqual(["console_0", "console_1", undefined, undefined]);
    for (let i = 0; i < 3; i++) expect(name(select(3))).toBeUndefined();
    expect(name(select(1))).toBe("console_0");
    expect(full).toEqual([2]);
  });

  it("forgets the texts it saw once when a flood of one-offs fills its memory", () => {
    const name = createStatementNamer({ limit: 3 });
    name(select(0));
    // That text and 5 one-offs fill the memory of texts seen once (twice the limit); the 6th one-off
    // empties it before it is remembered.
    for (let n = 1; n <= 7; n++) name(select(n));
    expect(name(select(0))).toBeUndefined();
    expect(name(select(0))).toBe("console_0");
  });

  it("neither names nor keeps a text longer than its maximum length", () => {
    const name = createStatementNamer({ maxLength: 100 });
    const bulk = `INSERT INTO "Connection" ("id") VALUES ${Array.from({ length: 20 }, (_, i) => `($${i + 1})`).join(", ")}`;
    expect(bulk.length).toBeGreaterThan(100);
    for (let i = 0; i < 3; i++) expect(name(bulk)).toBeUndefined();
    name(select(1));
    expect(name(select(1))).toBe("console_0");
  });

  it("takes its names' prefix from its options", () => {
    const name = createStatementNamer({ prefix: "test_" });
    name(select(1));
    expect(name(select(1))).toBe("test_0");
  });
});
