// Wake-ups across instances. pg-boss workers poll (every few seconds when idle); a job enqueued on
// one instance also sends a PostgreSQL NOTIFY, and every instance LISTENs and wakes its idle
// workers of that queue at once. Correctness never depends on it: a lost notification only means
// the next poll picks the job up.
import "server-only";
import pg from "pg";
import { log } from "@/lib/log";

export const WAKE_CHANNEL = "s3console_jobs";

type Listener = { stop(): Promise<void> };

/** Keeps one LISTEN connection open (reconnecting after a database blip) and calls `onWake(queue)`. */
export function listenForWakeups(connectionString: string, onWake: (queue: string) => void): Listener {
  let client: pg.Client | undefined;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString, application_name: "s3console-wake" });
    const reconnect = () => {
      if (stopped || client !== next) return;
      client = undefined;
      next.end().catch(() => undefined);
      retryTimer = setTimeout(() => void connect(), 2_000);
      retryTimer.unref();
    };
    client = next;
    next.on("error", reconnect);
    next.on("end", reconnect);
    next.on("notification", (message) => {
      if (message.channel === WAKE_CHANNEL && message.payload) onWake(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${WAKE_CHANNEL}`);
    } catch (error) {
      log.debug({ err: error }, "job wake-up listener not connected; retrying");
      reconnect();
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}

/** The statement that wakes every instance's workers of `queue` (delivered at commit when run in a transaction). */
export const WAKE_SQL = `SELECT 1 AS woke FROM pg_notify('${WAKE_CHANNEL}', $1)`;
