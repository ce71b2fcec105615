// The TCP peer's address, handed to route handlers in a header no client can set.
//
// Next 16 route handlers see a Web Request: no socket, and `NextRequest.ip` is gone. Next's server
// does write the socket address into X-Forwarded-For, but only when the header is absent
// (`??=`), so a client that sends its own X-Forwarded-For hides its real address. Node publishes
// every incoming request on the `http.server.request.start` diagnostics channel, synchronously and
// before the server's 'request' handler (Next's) runs; this subscriber overwrites PEER_ADDRESS_HEADER
// with `socket.remoteAddress`, so whatever a client sent under that name is replaced, never kept.
// It is registered once per server process from instrumentation.ts (Node runtime only), which Next
// runs before serving the first request, under `next start`, `next dev` and the standalone server.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

export const PEER_ADDRESS_HEADER = "x-s3console-peer-address";

const registered = globalThis as unknown as { s3consolePeerAddress?: boolean };

export function recordPeerAddresses(): void {
  if (registered.s3consolePeerAddress) return;
  registered.s3consolePeerAddress = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const address = socket?.remoteAddress;
    if (address) request.headers[PEER_ADDRESS_HEADER] = address;
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
}
