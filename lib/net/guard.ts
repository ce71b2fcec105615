/**
 * The egress decision (pure): may the console open a connection to this scheme, host and port,
 * and, once the host is resolved, to these addresses? Node's sockets and undici call it at
 * connection time (connect.ts), so what is checked is what is connected to.
 */
import { classifyAddress, parseIpLiteral } from "./addresses";
import { DEFAULT_PORTS, isAllowlisted, type OutboundPolicy } from "./allowlist";

export const OUTBOUND_REFUSED = "ERR_OUTBOUND_NOT_ALLOWED";

export type Destination = { protocol: string; hostname: string; port?: number | string | null };

/**
 * allowlisted: connect whatever the host resolves to.
 * check-addresses: connect only if every address the host resolves to is public.
 */
export type DestinationVerdict =
  | { allowed: true; mode: "allowlisted" | "check-addresses"; port: number }
  | { allowed: false; error: OutboundRefusedError };

/**
 * Thrown (or passed to a socket callback) when the guard refuses a destination. The message is
 * safe to show: it names the destination as the caller wrote it and why, and nothing else (the
 * refusal happens before any byte is sent, so there is no response to reflect).
 */
export class OutboundRefusedError extends Error {
  readonly code = OUTBOUND_REFUSED;
  constructor(
    /** The origin (or host name) refused, as the caller wrote it. */
    readonly target: string,
    /** Why, in plain words, e.g. "is a loopback address (this machine)". */
    readonly reason: string,
  ) {
    super(`This address is not allowed: ${target} ${reason}.`);
    this.name = "OutboundRefusedError";
  }
}

export type OutboundRefusal = { target: string; reason: string; message: string };

/**
 * Finds a refusal anywhere in an error's cause chain (fetch wraps it in "fetch failed", the AWS
 * SDK passes it through). Matched by code, not class: bundlers may load this module twice.
 */
export function findOutboundRefusal(error: unknown, depth = 0): OutboundRefusal | undefined {
  if (!error || typeof error !== "object" || depth > 5) return undefined;
  const e = error as { code?: unknown; target?: unknown; reason?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (e.code === OUTBOUND_REFUSED && typeof e.target === "string" && typeof e.reason === "string") {
    return { target: e.target, reason: e.reason, message: typeof e.message === "string" ? e.message : "This address is not allowed." };
  }
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = findOutboundRefusal(inner, depth + 1);
      if (found) return found;
    }
  }
  return findOutboundRefusal(e.cause, depth + 1);
}

function portOf(destination: Destination): number | undefined {
  const { port, protocol } = destination;
  if (port === undefined || port === null || port === "" || port === 0) return DEFAULT_PORTS[protocol as keyof typeof DEFAULT_PORTS];
  const number = Number(port);
  return Number.isInteger(number) && number > 0 && number < 65536 ? number : undefined;
}

/** "http://127.0.0.1:5432", with IPv6 in brackets and the default port left out. */
export function describeDestination(destination: Destination): string {
  const host = destination.hostname.replace(/^\[|\]$/g, "");
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const port = portOf(destination);
  const defaultPort = DEFAULT_PORTS[destination.protocol as keyof typeof DEFAULT_PORTS];
  return `${destination.protocol}//${shownHost}${port !== undefined && port !== defaultPort ? `:${port}` : ""}`;
}

/** The decision that needs no name resolution: scheme, allowlist, and IP literals. */
export function checkDestination(destination: Destination, policy: OutboundPolicy): DestinationVerdict {
  const target = describeDestination(destination);
  const refuse = (reason: string): DestinationVerdict => ({ allowed: false, error: new OutboundRefusedError(target, reason) });
  const { protocol } = destination;
  const host = destination.hostname.replace(/^\[|\]$/g, "");
  if (protocol !== "http:" && protocol !== "https:") return refuse(`uses ${protocol}//, and only http(s) is allowed`);
  const port = portOf(destination);
  if (port === undefined || host === "") return refuse("is not a valid destination");
  if (isAllowlisted(policy, protocol, host, port)) return { allowed: true, mode: "allowlisted", port };
  // Node connects to IP literals without calling any lookup: they are judged here.
  if (parseIpLiteral(host)) {
    const verdict = classifyAddress(host);
    if (!verdict.allowed) return refuse(`is ${verdict.reason}`);
  }
  if (protocol === "http:") return refuse("uses plain http://, which is allowed only for origins listed in OUTBOUND_ALLOW");
  return { allowed: true, mode: "check-addresses", port };
}

/** The decision on what a host name resolved to: every address must be public. */
export function checkResolvedAddresses(hostname: string, addresses: readonly string[]): OutboundRefusedError | undefined {
  for (const address of addresses) {
    const verdict = classifyAddress(address);
    // The address itself stays out of the message: it would turn the guard into an internal-DNS oracle.
    if (!verdict.allowed) return new OutboundRefusedError(hostname, `resolves to ${verdict.reason}`);
  }
  return undefined;
}

/** checkDestination on a URL, for callers that want to refuse before building a client. */
export function checkUrl(url: string | URL, policy: OutboundPolicy): DestinationVerdict {
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url) : url;
  } catch {
    return { allowed: false, error: new OutboundRefusedError(String(url), "is not a valid URL") };
  }
  return checkDestination({ protocol: parsed.protocol, hostname: parsed.hostname, port: parsed.port }, policy);
}
