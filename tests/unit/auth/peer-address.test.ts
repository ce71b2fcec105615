import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { PEER_ADDRESS_HEADER, recordPeerAddresses } from "@/lib/auth/peer-address";

describe("peer address header", () => {
  it("carries the socket's address and replaces whatever the client sent under that name", async () => {
    recordPeerAddresses();
    recordPeerAddresses(); // idempotent: one subscriber
    const server = createServer((request, response) => response.end(JSON.stringify(request.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "203.0.113.66" } });
      expect(await answer.json()).toBe("127.0.0.1");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
