// TRUST_PROXY: which hops in front of the console may be believed when they say who the client is.
// Unset means none: the address of the TCP peer is the client, and X-Forwarded-For is ignored
// (any client can write that header). A number trusts that many hops nearest the console; a list
// trusts the proxies at those addresses or in those CIDR ranges. The walk itself is proxy-addr's
// (Express's), so the semantics are the ones operators already know.
import proxyaddr from "proxy-addr";
import { z } from "zod";

export type TrustProxy =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "addresses"; entries: string[] };

const MAX_HOPS = 32;
/** proxy-addr's names for well-known ranges, accepted in the list too. */
const NAMED_RANGES = ["loopback", "linklocal", "uniquelocal"];

export const TRUST_PROXY_HELP =
  "must be a number of proxy hops (for example 1) or a comma-separated list of proxy addresses or CIDR ranges (for example 10.0.0.0/8,192.168.1.7)";

export type TrustProxyParse = { ok: true; value: TrustProxy } | { ok: false; message: string };

export function parseTrustProxy(raw: string | undefined): TrustProxyParse {
  const text = (raw ?? "").trim();
  if (text === "" || text === "0" || text.toLowerCase() === "false") return { ok: true, value: { kind: "none" } };
  if (text.toLowerCase() === "true") {
    return { ok: false, message: `${TRUST_PROXY_HELP}; "true" would believe any address a client writes` };
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return { ok: false, message: `${TRUST_PROXY_HELP}; ${text} hops is more than ${MAX_HOPS}` };
    return { ok: true, value: { kind: "hops", hops } };
  }
  const entries = text.split(",").map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (NAMED_RANGES.includes(entry)) continue;
    try {
      proxyaddr.compile(entry);
    } catch {
      return { ok: false, message: `${TRUST_PROXY_HELP}; "${entry}" is neither` };
    }
  }
  return { ok: true, value: { kind: "addresses", entries } };
}

/** For the environment schema: the parsed value, or one issue that says what is wrong. */
export const trustProxySchema = z
  .string()
  .optional()
  .transform((raw, context): TrustProxy => {
    const parsed = parseTrustProxy(raw);
    if (parsed.ok) return parsed.value;
    context.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });

/** proxy-addr's trust function for a parsed setting. */
export function trustFunction(trust: TrustProxy): (address: string, hop: number) => boolean {
  switch (trust.kind) {
    case "none":
      return () => false;
    case "hops":
      return (_address, hop) => hop < trust.hops;
    case "addresses":
      return proxyaddr.compile(trust.entries);
  }
}
