// Who is signing in, for throttling: the TCP peer, or, behind trusted proxies only, the right-most
// X-Forwarded-For entry that is not itself a trusted proxy.
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";
import { PEER_ADDRESS_HEADER } from "./peer-address";
import { trustFunction, type TrustProxy } from "./trust-proxy";

type HeaderBag = Record<string, unknown> | Headers | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : undefined;
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are one client: keep one spelling as the throttle key. */
function canonical(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/**
 * The address of the client, from the request's headers: the peer address recorded by
 * peer-address.ts and, when TRUST_PROXY allows it, X-Forwarded-For. Undefined when the server did
 * not record a peer (only outside the console's server, e.g. in unit tests).
 */
export function clientAddress(headers: HeaderBag, trust: TrustProxy): string | undefined {
  const peer = header(headers, PEER_ADDRESS_HEADER)?.trim();
  if (!peer || isIP(canonical(peer)) === 0) return undefined;
  if (trust.kind === "none") return canonical(peer);
  const request = { socket: { remoteAddress: peer }, headers: { "x-forwarded-for": header(headers, "x-forwarded-for") ?? "" } };
  // From the peer leftwards: every trusted hop, then the first untrusted address.
  const chain = proxyaddr.all(request as never, trustFunction(trust));
  // A malformed entry can only come from the client's side of the last trusted proxy (a proxy
  // that passed a header through instead of appending to it): key on that proxy instead.
  for (let index = chain.length - 1; index >= 0; index--) {
    const candidate = canonical(chain[index]!.trim());
    if (isIP(candidate) !== 0) return candidate;
  }
  return canonical(peer);
}
