// Server action answers go out uncompressed. Next gzips every response whose client accepts it,
// through a zlib stream that makes round trips to libuv's thread pool for each chunk, flush and
// end; for an action's answer (its result, a few hundred bytes) that cost more than the action's
// own session check: on the 2-core bench machine, answering actions uncompressed took an action
// refused at input validation from 9.9 to 8.1 ms over HTTP, and a rotation from 18.3 to 16.3 ms.
// Next's compression cannot be set per route, and an action cannot set the response header that
// would stop it (`Cache-Control: no-transform`; Next writes its own). What it negotiates from is
// the request's Accept-Encoding, so for action calls (a POST with a Next-Action header) that header
// is removed before Next's handler sees the request, on the same diagnostics channel as the peer
// address (lib/auth/peer-address.ts). Pages, their RSC payloads and static files stay compressed.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";

const registered = globalThis as unknown as { s3consoleUncompressedActions?: boolean };

export function answerActionsUncompressed(): void {
  if (registered.s3consoleUncompressedActions) return;
  registered.s3consoleUncompressedActions = true;
  subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    if (request.method === "POST" && request.headers["next-action"] !== undefined) delete request.headers["accept-encoding"];
  });
}
