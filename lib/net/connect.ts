/**
 * The guard applied where sockets are opened (Node only). Two gaps make a pre-flight URL check
 * insufficient, and both are closed here:
 *  - a host name is resolved again when connecting (DNS rebinding, or a name that simply points
 *    at 127.0.0.1): the `lookup` below judges the addresses net.connect is about to use, and
 *    hands exactly those to it, so nothing is resolved twice;
 *  - net.connect skips `lookup` for IP literals: checkDestination judges those up front.
 */
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import type { LookupAll, OutboundPolicy } from "./allowlist";
import { checkDestination, checkResolvedAddresses, OutboundRefusedError } from "./guard";

const systemLookup: LookupAll = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/**
 * A net.connect `lookup` that resolves every address of the host and refuses the connection
 * when any of them is not public (an attacker controls which record happy eyeballs would try).
 * With `check: false` (allowlisted origins) it only resolves, with the same resolver.
 */
export function refusingLookup(resolve: LookupAll = systemLookup, check = true): LookupFunction {
  return (hostname, options, callback) => {
    const { all, ...rest } = options;
    resolve(hostname, { ...rest, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      if (addresses.length === 0) {
        return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname }), "");
      }
      const refusal = check ? checkResolvedAddresses(hostname, addresses.map((entry) => entry.address)) : undefined;
      if (refusal) return callback(refusal, "");
      if (all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

type SocketOptions = { host?: string | null; port?: number | string | null; socketPath?: string | null; lookup?: LookupFunction };

/**
 * The options to open a socket with, guarded: the same options for an allowlisted origin, with
 * the refusing lookup otherwise; or the refusal.
 */
export function guardSocketOptions<T extends SocketOptions>(
  protocol: "http:" | "https:",
  options: T,
  policy: OutboundPolicy,
): { ok: true; options: T & { lookup?: LookupFunction } } | { ok: false; error: OutboundRefusedError } {
  if (options.socketPath) return { ok: false, error: new OutboundRefusedError(`unix:${options.socketPath}`, "is a local socket") };
  const verdict = checkDestination({ protocol, hostname: options.host ?? "localhost", port: options.port }, policy);
  if (!verdict.allowed) return { ok: false, error: verdict.error };
  if (verdict.mode === "allowlisted") return { ok: true, options: policy.lookup ? { ...options, lookup: refusingLookup(policy.lookup, false) } : options };
  return { ok: true, options: { ...options, lookup: refusingLookup(policy.lookup) } };
}
