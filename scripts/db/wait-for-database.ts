// Waits until PostgreSQL accepts a connection. A console server may start before its database is
// up: `npm start` starts both at once, and so do a compose file or a pod beside its database. While
// PostgreSQL starts, a connection is refused (nothing listens yet) or answered 57P03 ("the database
// system is starting up"); those are waited out. Anything else (a wrong password, a database that
// does not exist, a host name that does not resolve) is thrown at once: waiting would not mend it.
import pg from "pg";

/** Connection failures of a database that is starting (or restarting), worth another attempt. */
const STARTING = new Set(["ECONNREFUSED", "ECONNRESET", "EAI_AGAIN", "57P03"]);

export class DatabaseWaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseWaitError";
  }
}

/** A connection failure's code (ECONNREFUSED, 57P03, ...), else its message: what an error may say. */
export function failureReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}

/** host:port/database of a URL: what an error may name (never its user or password). */
export function databaseAddress(connectionString: string): string {
  const url = new URL(connectionString);
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}

async function connectOnce(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  // A server that closes the connection during start-up emits "error" on the client as well.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Resolves once a connection succeeds; retries every `intervalMs` while the database is starting,
 * up to `timeoutMs` (0: one attempt). Throws DatabaseWaitError, naming the address and the last
 * reason, when the time is up or the failure is not one of a starting database.
 */
export async function waitForDatabase(connectionString: string, options: { timeoutMs: number; intervalMs?: number }): Promise<{ attempts: number }> {
  const deadline = Date.now() + options.timeoutMs;
  for (let attempts = 1; ; attempts++) {
    try {
      await connectOnce(connectionString);
      return { attempts };
    } catch (error) {
      const code = failureReason(error);
      const address = databaseAddress(connectionString);
      if (!STARTING.has(code)) throw new DatabaseWaitError(`the database at ${address} refused the connection (${code})`);
      if (Date.now() >= deadline) {
        const waited = options.timeoutMs > 0 ? ` within ${Math.round(options.timeoutMs / 1000)} s` : "";
        throw new DatabaseWaitError(`the database at ${address} did not accept connections${waited} (${code})`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
