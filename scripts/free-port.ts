import { createServer } from "node:net";

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Free ports for every server of the local stack, as the variables that place them. */
export async function freeStackPorts(): Promise<{ PORT: string; DB_PORT: string; FLOW_SIM_PORT: string; S3_SIM_PORT: string; STS_SIM_PORT: string }> {
  return {
    PORT: String(await freePort()),
    DB_PORT: String(await freePort()),
    FLOW_SIM_PORT: String(await freePort()),
    S3_SIM_PORT: String(await freePort()),
    STS_SIM_PORT: String(await freePort()),
  };
}
