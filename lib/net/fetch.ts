/**
 * Guarded fetch: the one way to call a URL a user or an administrator typed (webhook deliveries,
 * OIDC discovery, any later caller). It is undici's own fetch with an undici Agent whose
 * `connect` runs the guard, so every connection, redirect hops included, is judged on the
 * address it actually goes to. undici's fetch is used rather than Node's global one because a
 * dispatcher from the npm package is not guaranteed to work with the undici bundled in Node.
 */
import { Agent, buildConnector, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from "undici";
import { outboundPolicyFromEnv, type OutboundPolicy } from "./allowlist";
import { refusingLookup } from "./connect";
import { checkDestination, findOutboundRefusal, OutboundRefusedError } from "./guard";

export type GuardedFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** An undici dispatcher that opens only the connections the policy allows. */
export function guardedDispatcher(policy: OutboundPolicy): Agent {
  const direct = buildConnector(policy.lookup ? { lookup: refusingLookup(policy.lookup, false) } : {});
  const checked = buildConnector({ lookup: refusingLookup(policy.lookup) });
  return new Agent({
    connect(options, callback) {
      const verdict = checkDestination({ protocol: options.protocol, hostname: options.hostname, port: options.port }, policy);
      if (!verdict.allowed) return callback(verdict.error, null);
      return (verdict.mode === "allowlisted" ? direct : checked)(options, callback);
    },
  });
}

function withDispatcher(dispatcher: Agent): GuardedFetch {
  return async (input, init) => {
    try {
      // Same shapes at run time (string bodies, Headers, AbortSignal); only the .d.ts differ.
      const response = await undiciFetch(input, { ...(init as UndiciRequestInit | undefined), dispatcher });
      return response as unknown as Response;
    } catch (error) {
      // fetch reports a refused connection as TypeError("fetch failed"): surface the refusal itself.
      const refusal = findOutboundRefusal(error);
      throw refusal ? new OutboundRefusedError(refusal.target, refusal.reason) : error;
    }
  };
}

/** A fetch bound to one policy (tests, or callers with their own allowlist). */
export function createGuardedFetch(policy: OutboundPolicy): GuardedFetch {
  return withDispatcher(guardedDispatcher(policy));
}

let current: { raw: string | undefined; dispatcher: Agent; fetch: GuardedFetch } | undefined;

/**
 * fetch under the process's OUTBOUND_ALLOW. Redirects are followed (up to undici's 20) only to
 * destinations the guard also allows; pass `redirect: "error"` where none is expected.
 * A refusal rejects with OutboundRefusedError (code ERR_OUTBOUND_NOT_ALLOWED).
 */
export const guardedFetch: GuardedFetch = (input, init) => {
  const raw = process.env.OUTBOUND_ALLOW;
  if (!current || current.raw !== raw) {
    const dispatcher = guardedDispatcher(outboundPolicyFromEnv(process.env));
    void current?.dispatcher.close().catch(() => undefined);
    current = { raw, dispatcher, fetch: withDispatcher(dispatcher) };
  }
  return current.fetch(input, init);
};
