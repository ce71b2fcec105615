// A stand-in for a PostgreSQL server that is still starting, in front of the real test database:
// until opened it refuses connections (nothing listens) or answers each one as PostgreSQL does
// while it starts (57P03); once opened it relays every connection to the real server. Counts the
// connections it saw, so a test can tell how often a client tried.
import { createConnection, createServer, type Server, type Socket } from "node:net";

/** PostgreSQL's ErrorResponse for "the database system is starting up" (SQLSTATE 57P03). */
function startingUpError(): Buffer {
  const fields = [["S", "FATAL"], ["V", "FATAL"], ["C", "57P03"], ["M", "the database system is starting up"]];
  const body = Buffer.concat([...fields.map(([type, text]) => Buffer.from(`${type}${text}\0`)), Buffer.from([0])]);
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from("E"), length, body]);
}

export type StartingDatabase = {
  /** The real database's URL with this stand-in's port. */
  url: string;
  connections: number;
  /** Listen and answer 57P03 to every connection (a server still recovering). */
  listenStarting(): Promise<void>;
  /** Relay connections to the real database from now on (listening if it was not). */
  open(): Promise<void>;
  close(): Promise<void>;
};

export function startingDatabase(realUrl: string, port: number): StartingDatabase {
  const real = new URL(realUrl);
  const url = new URL(realUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  let relaying = false;
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const gate: StartingDatabase = {
    url: url.toString(),
    connections: 0,
    async listenStarting() {
      if (server) return;
      server = createServer((socket) => {
        gate.connections++;
        sockets.add(socket);
        socket.once("close", () => sockets.delete(socket));
        socket.on("error", () => undefined);
        if (relaying) {
          const upstream = createConnection(Number(real.port || 5432), real.hostname);
          upstream.on("error", () => socket.destroy());
          socket.once("close", () => upstream.destroy());
          socket.pipe(upstream).pipe(socket);
        } else {
          socket.once("data", () => socket.end(startingUpError()));
        }
      });
      await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    },
    async open() {
      relaying = true;
      await gate.listenStarting();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    },
  };
  return gate;
}
