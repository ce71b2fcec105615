// Cluster-wide limits, enforced by PostgreSQL advisory locks (released by the server itself when a
// session ends, so a killed instance never leaves one held):
//  - a sandbox has ROTATION_CONCURRENCY slots: a rotation holds one while it talks to Flow Service
//    or STS, so all instances together never have more rotations of a sandbox in flight than
//    configured;
//  - a connection is rotated by one job at a time, whichever instance runs it.
// Two workers share each slot: while one waits on Flow Service, the other does its bookkeeping in
// the database (reads, the etag it patches from, the stored result, the run's progress), so the
// slots are not left idle during that work and a run keeps pace with the same number of direct calls.
// pg-boss distributes and retries the jobs but has no cross-instance concurrency per group in v10
// (its "singleton" policy stalls the whole queue when the oldest job's key is busy), hence this.
import "server-only";
import pg from "pg";
import { POOL_IDLE_TIMEOUT_MS } from "@/lib/db";
import { log } from "@/lib/log";
import { recordSlotUse } from "@/lib/metrics";

const globalForSlots = globalThis as unknown as { slotPool?: pg.Pool };

function pool(connectionString: string, size: number): pg.Pool {
  if (!globalForSlots.slotPool) {
    // Idle connections live as long as the query pool's: a person's "Rotate now" after a pause
    // would otherwise open its lock connection anew (SCRAM and a new backend, ~17 ms embedded).
    const created = new pg.Pool({ connectionString, max: size, application_name: "s3console-slots", idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
    // An idle client dropped by a database restart must not end the process.
    created.on("error", (error) => log.debug({ err: error }, "slot pool client dropped"));
    globalForSlots.slotPool = created;
  }
  return globalForSlots.slotPool;
}

/** Rotation workers per sandbox slot in each console process (see the comment at the top). */
export const WORKERS_PER_SLOT = 2;

/** Lock connections per process: one per rotation worker, and one for a person's "Rotate now". */
export function lockPoolSize(rotationConcurrency: number): number {
  return rotationConcurrency * WORKERS_PER_SLOT + 1;
}

/** `slots` in the sandbox; `slot` is the one this worker waits for when none is free. */
export type SlotOptions = { connectionString: string; sandbox: string; slots: number; slot: number; connectionKey: string; poolSize: number };

/** Runs `call` holding the sandbox slot; `work` calls it around every request to Flow Service or STS. */
export type InSlot = <R>(call: () => Promise<R>) => Promise<R>;

/** Runs `work` while holding the connection's lock (waiting for it); `work` takes the sandbox slot through `inSlot`. */
export async function withRotationLocks<T>(options: SlotOptions, work: (inSlot: InSlot) => Promise<T>): Promise<T> {
  const client = await pool(options.connectionString, options.poolSize).connect();
  let broken = false;
  const slotName = `rotation-slot:${options.sandbox}`;
  // The connection's lock is taken first and held throughout; a slot is only ever held for calls
  // outside the database, never while waiting for another lock, so no two workers can deadlock.
  const inSlot: InSlot = async (call) => {
    const asked = performance.now();
    // Any free slot first (LIMIT 1 stops the scan at the first lock taken); when all are busy,
    // wait for this worker's own one.
    const free = await client.query<{ slot: number }>("SELECT s AS slot FROM generate_series(0, $2::int - 1) AS s WHERE pg_try_advisory_lock(hashtext($1), s) LIMIT 1", [slotName, options.slots]);
    const slot = free.rows[0]?.slot ?? options.slot;
    if (free.rows.length === 0) await client.query("SELECT pg_advisory_lock(hashtext($1), $2)", [slotName, slot]);
    const held = performance.now();
    try {
      return await call();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1), $2)", [slotName, slot]).catch(() => (broken = true));
      recordSlotUse(options.sandbox, held - asked, performance.now() - held);
    }
  };
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('rotation-connection'), hashtext($1))", [options.connectionKey]);
    return await work(inSlot);
  } finally {
    // Unlocking can only fail when the session is gone, and then the server has released them.
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => (broken = true));
    client.release(broken);
  }
}

export class LockTimeoutError extends Error {
  constructor() {
    super("another rotation of this connection held its lock for too long");
    this.name = "LockTimeoutError";
  }
}

/**
 * Runs `work` holding only the connection's lock (a person's "Rotate now": no sandbox slot), waiting
 * at most `waitMs` for a rotation already under way; then LockTimeoutError.
 */
export async function withConnectionLock<T>(options: { connectionString: string; connectionKey: string; poolSize: number; waitMs: number }, work: () => Promise<T>): Promise<T> {
  const client = await pool(options.connectionString, options.poolSize).connect();
  let broken = false;
  try {
    await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(options.waitMs))}`);
    try {
      await client.query("SELECT pg_advisory_lock(hashtext('rotation-connection'), hashtext($1))", [options.connectionKey]);
    } catch (error) {
      if ((error as { code?: string }).code === "55P03") throw new LockTimeoutError();
      throw error;
    } finally {
      await client.query("RESET lock_timeout").catch(() => (broken = true));
    }
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => (broken = true));
    client.release(broken);
  }
}

export async function closeSlotPool(): Promise<void> {
  const current = globalForSlots.slotPool;
  globalForSlots.slotPool = undefined;
  await current?.end().catch(() => undefined);
}
