/**
 * Fault injection for tests: make the next matching request(s) fail in a chosen way.
 * - status: answer with that status (default 503) before doing anything, optional Retry-After.
 * - latency: wait, then process normally.
 * - drop: destroy the socket before doing anything.
 * - drop-after-commit: process (and commit) normally, then destroy the socket unanswered.
 * - hang: never answer (the socket is closed when the simulator stops).
 */
import { randomUUID } from "node:crypto";
import type { FaultKind, FaultSpec } from "./types";

const KINDS: FaultKind[] = ["status", "latency", "drop", "drop-after-commit", "hang"];

export interface ActiveFault extends FaultSpec {
  id: string;
  remaining: number;
}

export class FaultRegistry {
  private faults: Array<ActiveFault & { regex?: RegExp }> = [];

  /** Validates and registers a fault; throws an Error with a readable message when invalid. */
  add(spec: FaultSpec): string {
    if (!KINDS.includes(spec.kind)) throw new Error(`kind must be one of ${KINDS.join(", ")}`);
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) throw new Error("status must be an HTTP status code");
    if (spec.latencyMs !== undefined && (!(spec.latencyMs >= 0) || spec.latencyMs > 120_000)) throw new Error("latencyMs must be between 0 and 120000");
    if (spec.retryAfterSeconds !== undefined && (!Number.isInteger(spec.retryAfterSeconds) || spec.retryAfterSeconds < 0)) throw new Error("retryAfterSeconds must be a non-negative integer");
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1 || times > 10_000) throw new Error("times must be an integer between 1 and 10000");
    let regex: RegExp | undefined;
    if (spec.pathPattern !== undefined) {
      if (typeof spec.pathPattern !== "string" || spec.pathPattern.length > 500) throw new Error("pathPattern must be a string");
      try {
        regex = new RegExp(spec.pathPattern);
      } catch {
        throw new Error("pathPattern is not a valid regular expression");
      }
    }
    const id = randomUUID();
    this.faults.push({ ...spec, method: spec.method?.toUpperCase(), id, remaining: times, regex });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map(({ regex: _regex, ...fault }) => ({ ...fault }));
  }

  /**
   * The first fault matching this request, consumed once. Faults without a pathPattern only
   * apply below `defaultScope` (the Flow Service base path), never to IMS or the control API.
   */
  take(method: string, path: string, defaultScope: string): ActiveFault | undefined {
    const index = this.faults.findIndex(
      (f) => (f.method === undefined || f.method === method) && (f.regex ? f.regex.test(path) : path.startsWith(defaultScope)),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    const { regex: _regex, ...rest } = fault;
    return { ...rest };
  }
}

/** Default body of a status fault, shaped like the real service's errors. */
export function defaultFaultBody(status: number): unknown {
  if (status === 429) return { error_code: "429001", message: "Too many requests" };
  const titles: Record<number, string> = { 500: "InternalServerError", 502: "BadGatewayError", 503: "ServiceUnavailableError", 504: "GatewayTimeoutError" };
  return { type: "/placeholder/type/uri", status, title: titles[status] ?? "Error", detail: "Injected failure." };
}
