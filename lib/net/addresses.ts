/**
 * Which IP addresses the console may call without an allowlist entry (pure; ipaddr.js does the
 * range arithmetic). Only globally routable unicast addresses pass: loopback, unspecified,
 * link-local (cloud metadata services live there), private, carrier-grade NAT, reserved,
 * benchmarking, broadcast, multicast and unique-local addresses are refused, and so is every
 * IPv6 form that embeds a refused IPv4 address (mapped, compatible, translated, NAT64, 6to4).
 */
import ipaddr from "ipaddr.js";

export type AddressVerdict = { allowed: true; address: string } | { allowed: false; address: string; category: string; reason: string };

/** Plain words for ipaddr.js range names; anything not listed is "a special-purpose address". */
const RANGE_WORDS: Readonly<Record<string, string>> = {
  unspecified: "an unspecified address (0.0.0.0/8 or ::)",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address (where cloud metadata services live)",
  loopback: "a loopback address (this machine)",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  private: "a private network address",
  reserved: "a reserved, documentation or benchmarking address",
  benchmarking: "a benchmarking address",
  uniqueLocal: "a unique-local IPv6 address (a private network)",
  teredo: "a Teredo tunnel address (it embeds another address)",
  deprecatedSiteLocal: "a site-local IPv6 address (a private network)",
};

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses an IP literal in any spelling the resolver would also accept: dotted quads, but also
 * decimal (2130706433), octal (0177.0.0.1), hex (0x7f.1) and short (127.1) IPv4 forms, and IPv6
 * with or without brackets or a zone. Returns undefined for a host name.
 */
export function parseIpLiteral(host: string): Parsed | undefined {
  let text = host.trim().replace(/^\[(.*)\]$/, "$1");
  // ipaddr.js reads the deprecated "::a.b.c.d" as "::ffff:a.b.c.d"; the WHATWG parser (what
  // Node connects to) keeps it as written, so IPv6 with a dotted tail is normalised by URL first.
  if (text.includes(":") && text.includes(".") && URL.canParse(`http://[${text}]/`)) text = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  if (text === "" || !ipaddr.isValid(text)) return undefined;
  try {
    return ipaddr.parse(text);
  } catch {
    return undefined;
  }
}

/** The IPv4 address inside an IPv6 one, with the name of the form, when the form embeds one. */
function embeddedIPv4(address: ipaddr.IPv6): { form: string; ipv4: ipaddr.IPv4 } | undefined {
  const w = address.parts;
  const lastTwo = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeros = (from: number, to: number) => w.slice(from, to).every((part) => part === 0);
  if (zeros(0, 5) && w[5] === 0xffff) return { form: "an IPv4-mapped", ipv4: lastTwo(w[6]!, w[7]!) };
  if (zeros(0, 4) && w[4] === 0xffff && w[5] === 0) return { form: "an IPv4-translated", ipv4: lastTwo(w[6]!, w[7]!) };
  if (zeros(0, 6)) return { form: "an IPv4-compatible", ipv4: lastTwo(w[6]!, w[7]!) };
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(2, 6)) return { form: "a NAT64", ipv4: lastTwo(w[6]!, w[7]!) };
  if (w[0] === 0x2002) return { form: "a 6to4", ipv4: lastTwo(w[1]!, w[2]!) };
  return undefined;
}

function refused(address: string, category: string, reason?: string): AddressVerdict {
  return { allowed: false, address, category, reason: reason ?? RANGE_WORDS[category] ?? `a special-purpose address (${category})` };
}

function verdictFor(parsed: Parsed): AddressVerdict {
  const address = parsed.toString();
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    const range = v6.range();
    // ::1 and :: are all zeros up front too: name them for what they are, not as "compatible".
    if (range === "loopback" || range === "unspecified") return refused(address, range);
    const embedded = embeddedIPv4(v6);
    if (embedded) {
      const inner = verdictFor(embedded.ipv4);
      if (!inner.allowed) return refused(address, inner.category, `${embedded.form} IPv6 form of ${inner.reason}`);
      // The deprecated compatible form has no legitimate use left; refuse it whatever it embeds.
      if (embedded.form === "an IPv4-compatible") return refused(address, "reserved", "an IPv4-compatible IPv6 address (deprecated)");
      return { allowed: true, address };
    }
    // The local-use NAT64 prefix (64:ff9b:1::/48) routes into a private translator.
    if (v6.match(ipaddr.IPv6.parse("64:ff9b:1::"), 48)) return refused(address, "private", "a local-use NAT64 address (a private network)");
    return range === "unicast" ? { allowed: true, address } : refused(address, range);
  }
  const range = parsed.range();
  return range === "unicast" ? { allowed: true, address } : refused(address, range);
}

/** Classifies one address (any spelling parseIpLiteral accepts). Anything unparseable is refused. */
export function classifyAddress(text: string): AddressVerdict {
  const parsed = parseIpLiteral(text);
  if (!parsed) return refused(text, "invalid", "not an IP address");
  return verdictFor(parsed);
}

/** A host in one canonical spelling, so "[::1]", "::1" and "0:0::1" compare equal, and names ignore case. */
export function canonicalHost(host: string): string {
  const parsed = parseIpLiteral(host);
  if (parsed) return parsed.toString();
  return host.trim().toLowerCase().replace(/\.$/, "");
}
