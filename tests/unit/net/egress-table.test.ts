// The egress guard's decisions, one row per address or spelling: what the console may call, and
// why not when it may not. The policy allows the kind of entries a deployment would list.
import { describe, expect, it } from "vitest";
import { checkDestination, checkResolvedAddresses, checkUrl, classifyAddress, parseOutboundAllow, type OutboundPolicy } from "@/lib/net";

const allowed = parseOutboundAllow("http://127.0.0.1:4569, https://minio.internal:9000, vpce.internal:443, http://[::1]:4570");
if (!allowed.ok) throw new Error(allowed.problem);
const policy: OutboundPolicy = { allow: allowed.allow };

const LOOPBACK = /loopback/;
const PRIVATE = /private network/;
const LINK_LOCAL = /link-local/;
const RESERVED = /reserved|documentation|benchmarking/;
const MULTICAST = /multicast/;
const UNSPECIFIED = /unspecified/;
const PLAIN_HTTP = /plain http:\/\/.*OUTBOUND_ALLOW/;
const OK = "allowed" as const;

/** [URL as typed, expected: "allowed" or the reason's pattern, what the row is about]. */
const URL_ROWS: [string, typeof OK | RegExp, string][] = [
  // Public destinations pass (names are judged again at connection time, on their addresses).
  ["https://8.8.8.8/", OK, "public IPv4"],
  ["https://52.216.8.13/", OK, "an S3 address"],
  ["https://[2606:4700::1111]/", OK, "public IPv6"],
  ["https://s3.eu-west-1.amazonaws.com/", OK, "a name: resolved and checked when connecting"],
  ["https://[::ffff:8.8.8.8]/", OK, "IPv4-mapped form of a public address"],
  ["https://[64:ff9b::808:808]/", OK, "NAT64 form of a public address"],
  // IPv4 ranges that are never the internet.
  ["https://127.0.0.1/", LOOPBACK, "loopback"],
  ["https://127.255.255.254:8443/", LOOPBACK, "the whole of 127/8"],
  ["https://0.0.0.0/", UNSPECIFIED, "unspecified"],
  ["https://0.1.2.3/", UNSPECIFIED, "0/8 (\"this network\")"],
  ["https://10.0.0.1/", PRIVATE, "10/8"],
  ["https://172.16.5.4/", PRIVATE, "172.16/12, low end"],
  ["https://172.31.255.255/", PRIVATE, "172.16/12, high end"],
  ["https://192.168.1.1/", PRIVATE, "192.168/16"],
  ["https://100.64.0.1/", /carrier-grade NAT/, "CGNAT 100.64/10"],
  ["https://169.254.169.254/", LINK_LOCAL, "cloud metadata (AWS, GCP, Azure)"],
  ["https://169.254.170.2/", LINK_LOCAL, "ECS task credentials"],
  ["https://192.0.0.1/", RESERVED, "IETF protocol assignments"],
  ["https://192.0.2.1/", RESERVED, "TEST-NET-1"],
  ["https://198.18.0.1/", RESERVED, "benchmarking 198.18/15"],
  ["https://198.51.100.7/", RESERVED, "TEST-NET-2"],
  ["https://203.0.113.9/", RESERVED, "TEST-NET-3"],
  ["https://240.0.0.1/", RESERVED, "class E"],
  ["https://255.255.255.255/", /broadcast/, "limited broadcast"],
  ["https://224.0.0.1/", MULTICAST, "IPv4 multicast"],
  ["https://239.255.255.250/", MULTICAST, "SSDP multicast"],
  // IPv6 ranges.
  ["https://[::1]/", LOOPBACK, "IPv6 loopback"],
  ["https://[0:0:0:0:0:0:0:1]/", LOOPBACK, "IPv6 loopback, long form"],
  ["https://[::]/", UNSPECIFIED, "IPv6 unspecified"],
  ["https://[fe80::1]/", LINK_LOCAL, "IPv6 link-local"],
  ["https://[fd00:ec2::254]/", /unique-local/, "EC2 IPv6 metadata"],
  ["https://[fc00::1]/", /unique-local/, "fc00::/7"],
  ["https://[ff02::1]/", MULTICAST, "IPv6 multicast"],
  ["https://[2001:db8::1]/", RESERVED, "IPv6 documentation"],
  ["https://[fec0::1]/", /site-local/, "deprecated site-local"],
  ["https://[2001::1]/", /Teredo/, "Teredo embeds other addresses"],
  // IPv6 forms that embed a refused IPv4 address.
  ["https://[::ffff:127.0.0.1]/", /IPv4-mapped.*loopback/, "IPv4-mapped loopback"],
  ["https://[::ffff:a9fe:a9fe]/", /IPv4-mapped.*link-local/, "IPv4-mapped metadata, hex"],
  ["https://[::127.0.0.1]/", /IPv4-compatible.*loopback/, "IPv4-compatible loopback"],
  ["https://[::8.8.8.8]/", /IPv4-compatible IPv6 address \(deprecated\)/, "IPv4-compatible, even public"],
  ["https://[::ffff:0:10.0.0.1]/", /IPv4-translated.*private/, "IPv4-translated private"],
  ["https://[64:ff9b::7f00:1]/", /NAT64.*loopback/, "NAT64 loopback"],
  ["https://[64:ff9b::169.254.169.254]/", /NAT64.*link-local/, "NAT64 metadata"],
  ["https://[64:ff9b:1::a00:1]/", /local-use NAT64/, "local-use NAT64 prefix"],
  ["https://[2002:7f00:1::]/", /6to4.*loopback/, "6to4 of 127.0.0.1"],
  ["https://[2002:c0a8:101::1]/", /6to4.*private/, "6to4 of 192.168.1.1"],
  // Odd IPv4 spellings (the URL parser normalises them; they must still be refused).
  ["http://2130706433/", LOOPBACK, "decimal"],
  ["http://0177.0.0.1/", LOOPBACK, "octal"],
  ["http://0x7f.1/", LOOPBACK, "hex, short"],
  ["http://127.1/", LOOPBACK, "short"],
  ["http://0x7f000001/", LOOPBACK, "hex, one number"],
  ["http://017700000001/", LOOPBACK, "octal, one number"],
  ["https://0xa9.0xfe.0xa9.0xfe/", LINK_LOCAL, "hex metadata"],
  ["https://2852039166/", LINK_LOCAL, "decimal metadata"],
  // Scheme and allowlist.
  ["http://127.0.0.1:4569/", OK, "allowlisted origin (the local S3 test server)"],
  ["http://[::1]:4570/", OK, "allowlisted IPv6 origin"],
  ["http://127.0.0.1:4570/", LOOPBACK, "same host, port not listed"],
  ["http://127.0.0.1:5432/", LOOPBACK, "the database port"],
  ["https://127.0.0.1:4569/", LOOPBACK, "listed for http only"],
  ["http://localhost:4569/", PLAIN_HTTP, "names are not addresses: localhost is not listed"],
  ["https://minio.internal:9000/", OK, "allowlisted internal https origin"],
  ["https://MINIO.internal.:9000/", OK, "host compared case-insensitively, trailing dot ignored"],
  ["https://minio.internal:9001/", OK, "not listed, but a name: checked at connection time"],
  ["http://minio.internal:9000/", PLAIN_HTTP, "listed for https only"],
  ["https://vpce.internal/", OK, "host:port shorthand means https"],
  ["http://example.com/", PLAIN_HTTP, "plain http to the internet"],
  ["ftp://example.com/", /only http\(s\) is allowed/, "another scheme"],
  ["file:///etc/passwd", /only http\(s\) is allowed/, "a file URL"],
];

describe("the egress guard, URL by URL", () => {
  it("has at least 40 rows", () => {
    expect(URL_ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(URL_ROWS)("%s → %s (%s)", (url, expected) => {
    const verdict = checkUrl(url, policy);
    if (expected === OK) {
      expect(verdict, verdict.allowed ? "" : verdict.error.message).toMatchObject({ allowed: true });
      return;
    }
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.error.message).toMatch(/^This address is not allowed: /);
    expect(verdict.error.message).toMatch(expected);
    expect(verdict.error.code).toBe("ERR_OUTBOUND_NOT_ALLOWED");
  });
});

describe("host spellings that reach the guard without URL normalisation", () => {
  // Node's socket options carry the host as given; the resolver reads these as 127.0.0.1.
  it.each([
    ["2130706433", LOOPBACK],
    ["0177.0.0.1", LOOPBACK],
    ["0x7f.1", LOOPBACK],
    ["127.1", LOOPBACK],
    ["0x7F.0.0.1", LOOPBACK],
    ["[::ffff:7f00:1]", LOOPBACK],
    ["0xa9fea9fe", LINK_LOCAL],
    ["10.1", PRIVATE],
  ])("%s is refused", (hostname, reason) => {
    const verdict = checkDestination({ protocol: "https:", hostname, port: 443 }, policy);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.error.message).toMatch(reason);
  });
});

describe("what a name resolves to", () => {
  it.each([
    [["52.216.8.13"], OK],
    [["2600:1f18::1", "52.216.8.13"], OK],
    [["127.0.0.1"], LOOPBACK],
    [["52.216.8.13", "10.0.0.5"], PRIVATE],
    [["::ffff:127.0.0.1"], LOOPBACK],
    [["169.254.169.254"], LINK_LOCAL],
  ] as const)("%j → %s", (addresses, expected) => {
    const refusal = checkResolvedAddresses("bucket.example.test", addresses);
    if (expected === OK) return expect(refusal).toBeUndefined();
    expect(refusal?.message).toMatch(/^This address is not allowed: bucket\.example\.test resolves to /);
    expect(refusal?.message).toMatch(expected);
    // The address itself is not disclosed: the guard must not become an internal-DNS oracle.
    for (const address of addresses) expect(refusal?.message).not.toContain(address);
  });

  it("refuses what is not an address at all", () => {
    expect(classifyAddress("not-an-ip")).toMatchObject({ allowed: false, category: "invalid" });
  });
});
