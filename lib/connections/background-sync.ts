// Keeps every configured sandbox's inventory fresh without anyone pressing "Sync now". One loop
// per server process; a run never overlaps the previous one, and a failure only waits for the
// next tick (it is audited by syncSandbox).
import "server-only";
import { serverEnv } from "@/lib/env";
import { syncSandbox } from "./sync";

export const SYSTEM_ACTOR = { email: "system@background-sync" };

const globalForSync = globalThis as unknown as { backgroundSync?: { stop(): void } };

export function startBackgroundSync(intervalSeconds = serverEnv().SYNC_INTERVAL_SECONDS, log: (line: string) => void = console.log): { stop(): void } {
  if (globalForSync.backgroundSync) return globalForSync.backgroundSync;
  if (intervalSeconds <= 0) return { stop: () => undefined };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const sandbox of serverEnv().CONSOLE_SANDBOXES) {
        const report = await syncSandbox(sandbox, SYSTEM_ACTOR).catch((error: unknown) => {
          log(`background sync of ${sandbox} failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        });
        if (report && (report.imported || report.updated || report.missing)) {
          log(`background sync of ${sandbox}: ${report.imported} imported, ${report.updated} updated, ${report.missing} missing`);
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalSeconds * 1000);
  timer.unref();
  const handle = {
    stop() {
      clearInterval(timer);
      globalForSync.backgroundSync = undefined;
    },
  };
  globalForSync.backgroundSync = handle;
  return handle;
}
