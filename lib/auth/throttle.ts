// Sign-in throttling, stored in the database so every console instance sharing it enforces the same
// limits. Counted per email and per client address; a block applies before the password is checked.
import "server-only";
import { db } from "@/lib/db";

export const THROTTLE_POLICY = {
  /** Failures allowed within one window before blocking starts. */
  freeFailures: 5,
  windowMs: 15 * 60_000,
  firstBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
};

export function throttleKeys(email: string, clientAddress: string | undefined): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (clientAddress) keys.push(`ip:${clientAddress}`);
  return keys;
}

/** Milliseconds until the caller may try again, or 0 when not blocked. */
export async function retryAfterMs(keys: string[], now = new Date()): Promise<number> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys } } });
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
  return Math.max(0, until - now.getTime());
}

export function blockDuration(failures: number): number {
  const over = failures - THROTTLE_POLICY.freeFailures;
  if (over < 0) return 0;
  return Math.min(THROTTLE_POLICY.maxBlockMs, THROTTLE_POLICY.firstBlockMs * 2 ** over);
}

export async function recordFailure(keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    // One statement per key keeps concurrent failures from losing counts (no read-modify-write).
    await db.$executeRaw`
      INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "updatedAt")
      VALUES (${key}, 1, ${now}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStart" < ${new Date(now.getTime() - THROTTLE_POLICY.windowMs)}
                          THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < ${new Date(now.getTime() - THROTTLE_POLICY.windowMs)}
                          THEN ${now} ELSE "SignInThrottle"."windowStart" END,
        "updatedAt" = ${now}`;
    const row = await db.signInThrottle.findUnique({ where: { key } });
    const block = row ? blockDuration(row.failures) : 0;
    if (block > 0) {
      await db.signInThrottle.update({ where: { key }, data: { blockedUntil: new Date(now.getTime() + block) } });
    }
  }
}

export async function clearFailures(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: `email:${email.trim().toLowerCase()}` } });
}
