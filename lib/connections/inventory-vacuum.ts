// A sync that imports or changes most of the inventory (the first sync of a sandbox, or one after
// its connections were rotated outside the console) leaves its table with pages PostgreSQL does not
// yet know to be all-visible, and dead row versions for every row it rewrote. Until autovacuum
// passes (up to a minute later with its defaults), the inventory's count reads every version from
// the table instead of the index: listInventory took 4.1-6.8 ms at 10,000 connections just after an
// import, 2.9-4.1 ms once vacuumed (bench/HISTORY.md, "The inventory's table after a sync"). Vacuuming
// as soon as the batch ends is the work autovacuum would do anyway, done when the sync knows it is
// due. A sync that found nothing new writes nothing (lib/connections/last-seen.ts) and calls for none.
//
// The sync does not wait for it: a vacuum reads every index of the table whole, so it costs with
// the whole inventory, not with the sync (0.1-0.5 s from 10,000 to 48,000 rows), and "Sync now"
// has nothing to gain from waiting. Nothing is lost if the process stops meanwhile: autovacuum
// remains the backstop.
import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

/**
 * autovacuum's own rule with PostgreSQL's defaults (vacuum once the rows changed exceed 50 + 20 %
 * of the rows the table held at its last vacuum or analysis), applied to the rows syncs wrote.
 * `tableRows` is pg_class.reltuples: -1 for a table never vacuumed nor analysed.
 */
export function syncCallsForVacuum(rowsWritten: number, tableRows: number): boolean {
  return rowsWritten >= 50 + 0.2 * Math.max(0, tableRows);
}

/** Never rejects: a failed vacuum is logged and left to autovacuum. */
async function vacuumIfDue(rowsWritten: number): Promise<void> {
  try {
    const [row] = await db.$queryRaw<{ reltuples: number }[]>`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = '"Connection"'::regclass`;
    if (!row || !syncCallsForVacuum(rowsWritten, row.reltuples)) return;
    const started = performance.now();
    // SKIP_LOCKED leaves the tables to a vacuum already running (autovacuum's, or another
    // instance's); a role that does not own them (migrations run by another role) only gets
    // PostgreSQL's warning. The dataflow figures the same sync wrote (those that changed) are read
    // with the rows.
    await db.$executeRawUnsafe('VACUUM (ANALYZE, SKIP_LOCKED) "Connection", "ConnectionDataflows"');
    log.info({ rowsWritten, tableRows: row.reltuples, ms: Math.round(performance.now() - started) }, "inventory vacuumed after a sync");
  } catch (error) {
    log.warn({ err: error }, "inventory not vacuumed after a sync");
  }
}

let running: Promise<void> | undefined;
/** Rows written by syncs that ended while this process's vacuum ran: weighed again after it. */
let owed = 0;

/** After a sync that wrote `rowsWritten` rows: vacuums the inventory's tables when due, in the background. */
export function vacuumInventoryAfterSync(rowsWritten: number): void {
  if (rowsWritten <= 0) return;
  if (running) {
    owed += rowsWritten;
    return;
  }
  running = (async () => {
    let rows = rowsWritten;
    while (rows > 0) {
      await vacuumIfDue(rows);
      rows = owed;
      owed = 0;
    }
  })().finally(() => {
    running = undefined;
  });
}

/** Resolves once the vacuum this process started, if any, has ended (for the tests, which wait for it). */
export function inventoryVacuumSettled(): Promise<void> {
  return running ?? Promise.resolve();
}
