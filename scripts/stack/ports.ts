import { createServer } from "node:net";
import { StackStartError } from "./config";

/** Fails with a clear line when a port the stack needs is taken. Port 0 means "any free port". */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new StackStartError(
          error.code === "EADDRINUSE"
            ? `port ${port} (${what}) is already in use: stop what uses it, or set ${envVar} to a free port`
            : `port ${port} (${what}) cannot be used (${error.code}): set ${envVar} to another port`,
        ),
      ),
    );
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}
