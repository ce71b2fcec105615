/**
 * lib/net: the one door for outbound calls whose destination a user or an administrator can
 * type. Server-side only (Node's dns, http and undici); see README.md for how to use it.
 */
export { canonicalHost, classifyAddress, parseIpLiteral, type AddressVerdict } from "./addresses";
export {
  isAllowlisted,
  outboundEnvSchema,
  OutboundConfigError,
  outboundPolicyFromEnv,
  parseOutboundAllow,
  withAllowedOrigins,
  type AllowedOrigin,
  type LookupAll,
  type OutboundPolicy,
} from "./allowlist";
export {
  checkDestination,
  checkResolvedAddresses,
  checkUrl,
  describeDestination,
  findOutboundRefusal,
  OUTBOUND_REFUSED,
  OutboundRefusedError,
  type Destination,
  type DestinationVerdict,
  type OutboundRefusal,
} from "./guard";
export { guardSocketOptions, refusingLookup } from "./connect";
export { guardedAgents, type GuardedAgents } from "./agents";
export { createGuardedFetch, guardedDispatcher, guardedFetch, type GuardedFetch } from "./fetch";
export { NETWORK_WORDS, redactSecrets } from "./network-words";
export { callDeadline, withDeadline, type CallDeadline } from "./deadline";
