// Child process that serves PGlite over the Postgres wire protocol. Run by embedded-postgres.ts;
// a separate process so that its memory is its own and Ctrl-C in the parent stops it cleanly.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { installSequenceAffinity } from "./pglite-affinity";

const [dataDir = "memory://", portArg = "0", maxConnectionsArg = "8"] = process.argv.slice(2);

function report(message: Record<string, unknown>): void {
  if (process.send) process.send(message);
}

async function main(): Promise<void> {
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    report({ type: "error", code: "DATA_DIR", message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  const server = new PGLiteSocketServer({ db, port: Number(portArg), host: "127.0.0.1", maxConnections: Number(maxConnectionsArg) });
  installSequenceAffinity(server);
  server.addEventListener("error", (event) => {
    const detail = (event as CustomEvent<{ code?: string; message?: string }>).detail;
    report({ type: "error", code: detail?.code ?? "SERVER", message: detail?.message ?? String(detail) });
  });
  try {
    await server.start();
  } catch (error) {
    const code = (error as { code?: string }).code ?? "SERVER";
    report({ type: "error", code, message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  const address = server.getServerConn();
  report({ type: "ready", address });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  // The parent owns this process: when it goes away (even by SIGKILL), so do we.
  process.on("disconnect", stop);
}

void main();
