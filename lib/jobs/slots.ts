// Cluster-wide limits, enforced by PostgreSQL advisory locks (released by the server itself when a
// session ends, so a killed instance never leaves one held):
//  - a sandbox has ROTATION_CONCURRENCY slots: a rotation holds one for its whole duration, so all
//    instances together never run more rotations in a sandbox than configured;
//  - a connection is rotated by one job at a time, whichever instance runs it.
// pg-boss distributes and retries the jobs but has no cross-instance concurrency per group in v10
// (its "singleton" policy stalls the whole queue when the oldest job's key is busy), hence this.
import "server-only";
import pg from "pg";
import { log } from "@/lib/log";

const globalForSlots = globalThis as unknown as { slotPool?: pg.Pool };

function pool(connectionString: string, size: number): pg.Pool {
  if (!globalForSlots.slotPool) {
    const created = new pg.Pool({ connectionString, max: size, application_name: "s3console-slots" });
    // An idle client dropped by a database restart must not end the process.
    created.on("error", (error) => log.debug({ err: error }, "slot pool client dropped"));
    globalForSlots.slotPool = created;
  }
  return globalForSlots.slotPool;
}

export type SlotOptions = { connectionString: string; sandbox: string; slot: number; connectionKey: string; poolSize: number };

/** Runs `work` while holding the sandbox slot `slot` and the connection's lock; waits for both. */
export async function withRotationLocks<T>(options: SlotOptions, work: () => Promise<T>): Promise<T> {
  const client = await pool(options.connectionString, options.poolSize).connect();
  let broken = false;
  try {
    await client.query("SELECT pg_advisory_lock(hashtext($1), $2)", [`rotation-slot:${options.sandbox}`, options.slot]);
    await client.query("SELECT pg_advisory_lock(hashtext('rotation-connection'), hashtext($1))", [options.connectionKey]);
    return await work();
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
