/**
 * Guarded http(s) Agents for clients built on Node's http module, such as the AWS SDK
 * (`requestHandler: { httpAgent, httpsAgent }`). Every socket they open goes through
 * guardSocketOptions; a refused one fails the request before anything is sent.
 */
import http from "node:http";
import https from "node:https";
import type { Duplex } from "node:stream";
import type { OutboundPolicy } from "./allowlist";
import { guardSocketOptions } from "./connect";

type Callback = (error: Error | null, stream: Duplex) => void;

function refuse(error: Error, callback: Callback | undefined): undefined {
  // http.Agent passes a callback and turns an error given to it into the request's 'error'.
  if (!callback) throw error;
  callback(error, undefined as unknown as Duplex);
  return undefined;
}

class GuardedHttpAgent extends http.Agent {
  constructor(
    private readonly policy: OutboundPolicy,
    options?: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    const guarded = guardSocketOptions("http:", options, this.policy);
    return guarded.ok ? super.createConnection(guarded.options, callback) : refuse(guarded.error, callback);
  }
}

class GuardedHttpsAgent extends https.Agent {
  constructor(
    private readonly policy: OutboundPolicy,
    options?: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const guarded = guardSocketOptions("https:", options, this.policy);
    return guarded.ok ? super.createConnection(guarded.options, callback) : refuse(guarded.error, callback);
  }
}

export type GuardedAgents = { httpAgent: http.Agent; httpsAgent: https.Agent };

/** A fresh pair of guarded agents (the AWS SDK destroys its agents with the client). */
export function guardedAgents(policy: OutboundPolicy, options: http.AgentOptions = { keepAlive: true }): GuardedAgents {
  return { httpAgent: new GuardedHttpAgent(policy, options), httpsAgent: new GuardedHttpsAgent(policy, options) };
}
