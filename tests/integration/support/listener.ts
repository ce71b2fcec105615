// A TCP listener that only counts who connects: the stand-in for the database or any internal
// service in egress tests. A guard that works leaves its count at zero.
import { createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export type CountingListener = { port: number; connections(): number; close(): Promise<void> };

export async function startCountingListener(): Promise<CountingListener> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
