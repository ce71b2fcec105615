import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/peer-address";
import { parseTrustProxy, type TrustProxy } from "@/lib/auth/trust-proxy";

function trust(raw: string | undefined): TrustProxy {
  const parsed = parseTrustProxy(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

function headers(peer: string | undefined, forwarded?: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (peer !== undefined) out[PEER_ADDRESS_HEADER] = peer;
  if (forwarded !== undefined) out["x-forwarded-for"] = forwarded;
  return out;
}

describe("client address", () => {
  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress(headers("203.0.113.5", "198.51.100.1"), trust(undefined))).toBe("203.0.113.5");
    expect(clientAddress(headers("203.0.113.5", "1.1.1.1, 2.2.2.2"), trust("0"))).toBe("203.0.113.5");
  });

  it("takes the right-most entry behind one trusted hop", () => {
    expect(clientAddress(headers("10.0.0.2", "198.51.100.1, 203.0.113.9"), trust("1"))).toBe("203.0.113.9");
    expect(clientAddress(headers("10.0.0.2", "203.0.113.9"), trust("1"))).toBe("203.0.113.9");
  });

  it("skips as many hops as configured, counting the peer as the first", () => {
    // client → CDN (adds 203.0.113.9) → load balancer (adds 172.16.0.4) → console
    expect(clientAddress(headers("10.0.0.2", "6.6.6.6, 203.0.113.9, 172.16.0.4"), trust("2"))).toBe("203.0.113.9");
    expect(clientAddress(headers("10.0.0.2", "6.6.6.6, 203.0.113.9, 172.16.0.4"), trust("1"))).toBe("172.16.0.4");
  });

  it("with a list, skips every address that is a trusted proxy and stops at the first that is not", () => {
    const proxies = trust("10.0.0.0/8,192.168.1.7");
    expect(clientAddress(headers("10.1.2.3", "6.6.6.6, 203.0.113.9, 192.168.1.7"), proxies)).toBe("203.0.113.9");
    // The peer is not a trusted proxy: its header is not believed.
    expect(clientAddress(headers("198.51.100.77", "203.0.113.9"), proxies)).toBe("198.51.100.77");
  });

  it("when every hop is trusted, answers the left-most address", () => {
    expect(clientAddress(headers("10.0.0.2", "10.0.0.9"), trust("10.0.0.0/8"))).toBe("10.0.0.9");
    expect(clientAddress(headers("10.0.0.2"), trust("3"))).toBe("10.0.0.2");
  });

  it("never keys on a malformed entry: the nearest trusted proxy stands in", () => {
    expect(clientAddress(headers("10.0.0.2", "not-an-address"), trust("1"))).toBe("10.0.0.2");
    expect(clientAddress(headers("10.0.0.2", "203.0.113.9, garbage, 10.0.0.8"), trust("2"))).toBe("10.0.0.8");
  });

  it("writes IPv4-mapped IPv6 and IPv4 the same way, IPv6 in lower case", () => {
    expect(clientAddress(headers("::ffff:203.0.113.5"), trust(undefined))).toBe("203.0.113.5");
    expect(clientAddress(headers("10.0.0.2", "2001:DB8::1"), trust("1"))).toBe("2001:db8::1");
  });

  it("is unknown without a recorded peer, even with a forwarded header", () => {
    expect(clientAddress(headers(undefined, "203.0.113.9"), trust("1"))).toBeUndefined();
    expect(clientAddress(headers("bogus"), trust(undefined))).toBeUndefined();
    expect(clientAddress(undefined, trust(undefined))).toBeUndefined();
  });

  it("reads a Fetch Headers object too", () => {
    const bag = new Headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "203.0.113.9" });
    expect(clientAddress(bag, trust("1"))).toBe("203.0.113.9");
  });
});
