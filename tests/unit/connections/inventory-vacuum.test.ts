import { describe, expect, it } from "vitest";
import { syncCallsForVacuum } from "@/lib/connections/inventory-vacuum";

describe("when a sync's writes call for a vacuum of the inventory", () => {
  it("a table never vacuumed nor analysed (reltuples -1) needs 50 rows written, autovacuum's base threshold", () => {
    expect(syncCallsForVacuum(49, -1)).toBe(false);
    expect(syncCallsForVacuum(50, -1)).toBe(true);
  });

  it("otherwise 50 rows plus a fifth of the table's rows at its last vacuum or analysis", () => {
    expect(syncCallsForVacuum(2_049, 10_000)).toBe(false);
    expect(syncCallsForVacuum(2_050, 10_000)).toBe(true);
    // A sync of the one large sandbox rewrites most of the table: due at once.
    expect(syncCallsForVacuum(10_000, 11_000)).toBe(true);
    // A small sandbox beside large ones leaves it to autovacuum.
    expect(syncCallsForVacuum(250, 100_000)).toBe(false);
  });
});
