// Tests that start their own servers allow them the way `npm start` allows its simulators: by
// adding their origins to OUTBOUND_ALLOW (the egress guard trusts nothing local by itself).
import { withAllowedOrigins } from "@/lib/net/allowlist";

/** Adds the origins of these URLs to this process's OUTBOUND_ALLOW. */
export function allowOutbound(...urls: (string | undefined)[]): void {
  process.env.OUTBOUND_ALLOW = withAllowedOrigins(process.env.OUTBOUND_ALLOW, urls);
}
