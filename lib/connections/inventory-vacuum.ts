// A sync that imports or changes most of the inventory (the first sync of a sandbox, or one after
// its connections were rotated outside the console) leaves its table with pages PostgreSQL does not
// yet know to be all-visible, and dead row versions for every row it rewrote. Until autovacuum
// passes (up to a minute later with its defaults), the inventory's count reads every version from
// the table instead of the index: listInventory took 4.1-6.8 ms at 10,000 connections just after an
// import, 2.9-4.1 ms once vacuumed (bench/HISTORY.md, "The inventory's table after a sync"). Vacuuming
// as soon as the batch ends is the work autovacuum would do anyway, done when the sync knows it is
// due. A sync that found nothing new writes nothing (lib/connections/last-seen.ts) and calls for none.
//
// A sync that grew one sandbox well past what the table's statistics say of it, in a table too
// large for that to be due by autovacuum's rules, gets the table analysed instead. Autovacuum weighs
// the rows changed against the whole table, so a sandbox of 10,000 imported beside 100,000 other
// rows waits until the table's other changes add up to a tenth of it, and PostgreSQL meanwhile
// estimates the sandbox at one row: its inventory page sorted all of its rows for each page (8.4 ms
// against 0.16 ms once analysed, PostgreSQL 15), and a sync's read of each page's stored rows read
// the whole sandbox (bench/README.md, *Changed, and what it moved*).
//
// The sync does not wait for either: a vacuum reads every index of the table whole, so it costs with
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

/**
 * autovacuum's rule for analysing (50 + 10 % of the rows), applied to one sandbox rather than to the
 * table: `sandboxRows` is how many rows the sandbox held before the sync.
 */
export function syncCallsForAnalysis(rowsWritten: number, sandboxRows: number): boolean {
  return rowsWritten >= 50 + 0.1 * Math.max(0, sandboxRows);
}

/** Never rejects: a failed vacuum or analysis is logged and left to autovacuum. */
async function maintainIfDue(rowsWritten: number, analysisDue: boolean): Promise<void> {
  try {
    const [row] = await db.$queryRaw<{ reltuples: number }[]>`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = '"Connection"'::regclass`;
    if (!row) return;
    const started = performance.now();
    const figures = () => ({ rowsWritten, tableRows: row.reltuples, ms: Math.round(performance.now() - started) });
    // SKIP_LOCKED leaves the tables to a vacuum or analysis already running (autovacuum's, or
    // another instance's); a role that does not own them (migrations run by another role) only
    // gets PostgreSQL's warning. The dataflow figures the same sync wrote (those that changed) are
    // read with the rows.
    if (syncCallsForVacuum(rowsWritten, row.reltuples)) {
      await db.$executeRawUnsafe('VACUUM (ANALYZE, SKIP_LOCKED) "Connection", "ConnectionDataflows"');
      log.info(figures(), "inventory vacuumed after a sync");
    } else if (analysisDue) {
      // The sandbox column only: its estimate is the one that was wrong, and the statistics of
      // every column took three times as long (140-180 ms against 50 over 58,000 rows on
      // PostgreSQL 15; 290-700 ms after the bench's syncs, beside its timed runs).
      await db.$executeRawUnsafe('ANALYZE (SKIP_LOCKED) "Connection" ("sandboxName")');
      log.info(figures(), "inventory analysed after a sync");
    }
  } catch (error) {
    log.warn({ err: error }, "inventory not vacuumed nor analysed after a sync");
  }
}

let running: Promise<void> | undefined;
/** What syncs that ended while this process's vacuum ran called for: weighed again after it. */
let owed = { rows: 0, analysis: false };

/**
 * After a sync that wrote `rowsWritten` rows into a sandbox that held `sandboxRows` before it:
 * vacuums the inventory's tables, or analyses them, when due, in the background.
 */
export function vacuumInventoryAfterSync(rowsWritten: number, sandboxRows: number): void {
  if (rowsWritten <= 0) return;
  const analysis = syncCallsForAnalysis(rowsWritten, sandboxRows);
  if (running) {
    owed = { rows: owed.rows + rowsWritten, analysis: owed.analysis || analysis };
    return;
  }
  running = (async () => {
    let due = { rows: rowsWritten, analysis };
    while (due.rows > 0) {
      await maintainIfDue(due.rows, due.analysis);
      due = owed;
      owed = { rows: 0, analysis: false };
    }
  })().finally(() => {
    running = undefined;
  });
}

/** Resolves once the vacuum this process started, if any, has ended (for the tests, which wait for it). */
export function inventoryVacuumSettled(): Promise<void> {
  return running ?? Promise.resolve();
}
