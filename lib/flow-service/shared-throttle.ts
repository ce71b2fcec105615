// When Flow Service answers 429 with Retry-After, every console instance should slow down, not only
// the one that was told. The pause is kept in the database (one row per sandbox), and background
// work (rotation runs, syncs) waits for it before its next call.
import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";

/** Without a Retry-After, a 429 still pauses the sandbox briefly. */
const DEFAULT_PAUSE_MS = 2_000;
/** One wait never exceeds this; a longer pause is waited for in several steps. */
const MAX_WAIT_STEP_MS = 30_000;

export async function pauseSandbox(sandboxName: string, retryAfterMs: number | undefined, now = new Date()): Promise<void> {
  const until = new Date(now.getTime() + (retryAfterMs ?? DEFAULT_PAUSE_MS));
  // GREATEST: a shorter pause reported later never shortens a longer one already in force.
  await db.$executeRaw`
    INSERT INTO "SandboxThrottle" ("sandboxName", "pausedUntil", "updatedAt") VALUES (${sandboxName}, ${until}, ${now})
    ON CONFLICT ("sandboxName") DO UPDATE SET "pausedUntil" = GREATEST("SandboxThrottle"."pausedUntil", EXCLUDED."pausedUntil"), "updatedAt" = EXCLUDED."updatedAt"`;
  log.info({ sandbox: sandboxName, pausedUntil: until.toISOString() }, "Flow Service asked to slow down; background work in this sandbox pauses");
}

/** Resolves once the sandbox is not paused (immediately in the usual case: one indexed read). */
export async function waitForSandbox(sandboxName: string, sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): Promise<number> {
  let waited = 0;
  for (;;) {
    const row = await db.sandboxThrottle.findUnique({ where: { sandboxName }, select: { pausedUntil: true } });
    const left = (row?.pausedUntil.getTime() ?? 0) - Date.now();
    if (left <= 0) return waited;
    const step = Math.min(left, MAX_WAIT_STEP_MS);
    await sleep(step);
    waited += step;
  }
}
