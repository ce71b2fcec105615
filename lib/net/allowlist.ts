/**
 * OUTBOUND_ALLOW: the origins the console may call even though they are internal, and the only
 * ones it may call over plain http (pure).
 *
 * Syntax: a comma-separated list (spaces around commas are ignored) of entries, each either
 *   - an origin, `http://host[:port]` or `https://host[:port]` (port defaults to 80 / 443), or
 *   - `host:port`, shorthand for `https://host:port`.
 * A host is a name or an IP literal (IPv6 in brackets). An entry allows exactly that scheme,
 * host and port, whatever the host resolves to; nothing else is widened (no wildcards, no
 * ranges). Hosts compare as written after URL normalisation: `localhost` and `127.0.0.1` are
 * different entries. Example: `http://127.0.0.1:4569,https://minio.internal:9000,vpce.internal:443`.
 */
import type { LookupAddress, LookupAllOptions } from "node:dns";
import { z } from "zod";
import { canonicalHost } from "./addresses";

export type AllowedOrigin = { protocol: "http:" | "https:"; host: string; port: number };

/** A resolver with dns.lookup's callback signature (tests inject one). */
export type LookupAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export type OutboundPolicy = {
  allow: readonly AllowedOrigin[];
  /** Name resolution used at connection time; default dns.lookup. */
  lookup?: LookupAll;
};

export const DEFAULT_PORTS = { "http:": 80, "https:": 443 } as const;

export type AllowlistResult = { ok: true; allow: AllowedOrigin[] } | { ok: false; problem: string };

function parseEntry(entry: string): AllowedOrigin | string {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry);
  if (!hasScheme && !/:\d+$/.test(entry)) return `entry "${entry}" needs a scheme (http:// or https://) or a port (host:port)`;
  let url: URL;
  try {
    url = new URL(hasScheme ? entry : `https://${entry}`);
  } catch {
    return `entry "${entry}" is not an origin (http(s)://host[:port]) or host:port`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `entry "${entry}" must use http:// or https://`;
  if (url.hostname === "" || url.hostname.includes("*")) return `entry "${entry}" must name one host (no wildcards)`;
  if (url.username || url.password) return `entry "${entry}" must not contain a user name or password`;
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) return `entry "${entry}" must be an origin only (no path, query or fragment)`;
  const protocol = url.protocol;
  return { protocol, host: canonicalHost(url.hostname), port: url.port === "" ? DEFAULT_PORTS[protocol] : Number(url.port) };
}

/** Parses OUTBOUND_ALLOW; undefined or blank means "no entries". */
export function parseOutboundAllow(value: string | undefined): AllowlistResult {
  const allow: AllowedOrigin[] = [];
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const parsed = parseEntry(entry);
    if (typeof parsed === "string") return { ok: false, problem: parsed };
    allow.push(parsed);
  }
  return { ok: true, allow };
}

/** The env schema half, for lib/env.ts and the start script: a bad value is one clear line. */
export const outboundEnvSchema = z.object({
  OUTBOUND_ALLOW: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      const result = parseOutboundAllow(value);
      if (!result.ok) ctx.addIssue({ code: "custom", message: result.problem });
    }),
});

export class OutboundConfigError extends Error {
  constructor(problem: string) {
    super(`OUTBOUND_ALLOW ${problem}`);
    this.name = "OutboundConfigError";
  }
}

/** The policy an environment describes. Throws OutboundConfigError naming the bad entry. */
export function outboundPolicyFromEnv(env: Record<string, string | undefined>): OutboundPolicy {
  const result = parseOutboundAllow(env.OUTBOUND_ALLOW);
  if (!result.ok) throw new OutboundConfigError(result.problem);
  return { allow: result.allow };
}

/** True when the allowlist names exactly this scheme, host and port. */
export function isAllowlisted(policy: OutboundPolicy, protocol: string, host: string, port: number): boolean {
  const wanted = canonicalHost(host);
  return policy.allow.some((entry) => entry.protocol === protocol && entry.port === port && entry.host === wanted);
}

/**
 * An OUTBOUND_ALLOW value with the origins of `urls` added after the existing entries: how the
 * local stack and the tests allow the simulators they start (configuration, never a code rule).
 */
export function withAllowedOrigins(existing: string | undefined, urls: readonly (string | undefined)[]): string {
  const entries = (existing ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (const url of urls) {
    if (!url) continue;
    const origin = new URL(url).origin;
    if (!entries.includes(origin)) entries.push(origin);
  }
  return entries.join(",");
}
