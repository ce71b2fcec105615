import { describe, expect, it } from "vitest";
import { syncCallsForAnalysis, syncCallsForVacuum } from "@/lib/connections/inventory-vacuum";

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

describe("when a sync's writes call for an analysis of the inventory", () => {
  it("weighs the rows written against the sandbox's own rows before the sync: 50 plus a tenth", () => {
    // A first sync of a sandbox: its rows are all new, whatever the table holds beside them.
    expect(syncCallsForAnalysis(49, 0)).toBe(false);
    expect(syncCallsForAnalysis(50, 0)).toBe(true);
    expect(syncCallsForAnalysis(1_049, 10_000)).toBe(false);
    expect(syncCallsForAnalysis(1_050, 10_000)).toBe(true);
  });

  it("does not weigh the table: an import beside much larger sandboxes is due for the sandbox's sake", () => {
    expect(syncCallsForVacuum(10_000, 100_000)).toBe(false);
    expect(syncCallsForAnalysis(10_000, 0)).toBe(true);
    // A sync that changed a few rows of a large sandbox is not.
    expect(syncCallsForAnalysis(250, 10_000)).toBe(false);
  });
});
