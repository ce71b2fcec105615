/**
 * Control API for tests, under /__sim (a prefix Flow Service can never use). Loopback only.
 *   POST   /__sim/faults                 {method?, pathPattern?, kind, status?, body?, retryAfterSeconds?, latencyMs?, times?} → 201 {id}
 *   GET    /__sim/faults                 → {items}
 *   DELETE /__sim/faults                 → 204
 *   POST   /__sim/connections/{id}/touch → {id, etag}  (out-of-band write: new etag, to provoke 412)
 *   POST   /__sim/seed                   {count, sandbox?} → {created}
 *   POST   /__sim/reset                  → 204 (connections, faults, request log)
 *   GET    /__sim/requests               → {items: [{at, method, path, query, status, requestId, durationMs, fault?}]}
 *   DELETE /__sim/requests               → 204
 *   POST   /__sim/tokens/revoke          → 204 (every issued token becomes invalid → 401013)
 *   POST   /__sim/dataflows              {baseConnectionId, flows: [...], …} → 201 {sourceConnectionId, flowIds}
 *                                         (see dataflow-control.ts)
 *   GET    /__sim/clock                  → {now, offsetMs}  (the shared simulator clock)
 *   POST   /__sim/clock                  {advanceMs} or {advanceSeconds} → {now, offsetMs}, once
 *                                         everything that fell due (dataflow runs) has run
 *   GET    /__sim/latency                → {profile}  (the delay added to every request, latency.ts)
 *   POST   /__sim/latency                {profile: "fixed:1" | "lognormal:median=100,p95=300" | "none"} → {profile}
 *   GET    /__sim/health                 → {ok: true}
 */
import type { ActiveFault } from "./faults";
import { parseJsonBody } from "./http-io";
import { json, problem, problems } from "./responses";
import type { FaultSpec, RequestLogEntry, SimResponse } from "./types";
import { isPlainObject } from "./validation";

export const CONTROL_PREFIX = "/__sim";

export interface SimulatorControl {
  addFault(spec: FaultSpec): string;
  clearFaults(): void;
  listFaults(): ActiveFault[];
  touch(id: string): { id: string; etag: string } | undefined;
  seed(count: number, sandbox?: string): number;
  reset(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  revokeTokens(): void;
  /** The latency profile in its text form ("none" without one). */
  latency(): string;
  /** Replaces the latency profile; throws with a readable message when the text is not one. */
  setLatency(text: string): string;
  clockState(): ClockState;
  addDataflows(input: Record<string, unknown>): Promise<{ sourceConnectionId: string; flowIds: string[] }>;
  /** Moves the shared clock forward and waits for what fell due. */
  advanceClock(ms: number): Promise<ClockState>;
}

export interface ClockState {
  now: number;
  offsetMs: number;
}

export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

function bodyObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; response: SimResponse } {
  if (text.trim() === "") return { ok: true, value: {} };
  const parsed = parseJsonBody(text);
  if (!parsed.ok) return { ok: false, response: parsed.reason === "malformed" ? problems.malformedJson() : problems.forbiddenKey() };
  if (!isPlainObject(parsed.value)) return { ok: false, response: problem(400, "BadRequestError", "Body must be a JSON object.") };
  return { ok: true, value: parsed.value };
}

export function handleControl(method: string, subPath: string, bodyText: string, control: SimulatorControl): SimResponse | Promise<SimResponse> {
  const body = method === "POST" ? bodyObject(bodyText) : { ok: true as const, value: {} };
  if (!body.ok) return body.response;
  const input = body.value;

  if (subPath === "/faults") {
    if (method === "GET") return json(200, { items: control.listFaults() });
    if (method === "DELETE") return (control.clearFaults(), { status: 204 });
    if (method === "POST") {
      try {
        return json(201, { id: control.addFault(input as unknown as FaultSpec) });
      } catch (error) {
        return problem(400, "BadRequestError", error instanceof Error ? error.message : "Invalid fault.");
      }
    }
  }
  const touch = /^\/connections\/([^/]+)\/touch$/.exec(subPath);
  if (touch && method === "POST") {
    const touched = control.touch(decodeURIComponent(touch[1] ?? ""));
    return touched ? json(200, touched) : problems.notFound("Connection", touch[1] ?? "");
  }
  if (subPath === "/seed" && method === "POST") {
    const count = input.count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > 10_000) return problem(400, "BadRequestError", "count must be an integer between 0 and 10000.");
    const sandbox = typeof input.sandbox === "string" ? input.sandbox : undefined;
    try {
      return json(200, { created: control.seed(count, sandbox) });
    } catch (error) {
      return problem(400, "BadRequestError", error instanceof Error ? error.message : "Invalid seed request.");
    }
  }
  if (subPath === "/reset" && method === "POST") return (control.reset(), { status: 204 });
  if (subPath === "/requests") {
    if (method === "GET") return json(200, { items: control.requests() });
    if (method === "DELETE") return (control.clearRequests(), { status: 204 });
  }
  if (subPath === "/tokens/revoke" && method === "POST") return (control.revokeTokens(), { status: 204 });
  if (subPath === "/health" && method === "GET") return json(200, { ok: true });
  if (subPath === "/latency") {
    if (method === "GET") return json(200, { profile: control.latency() });
    if (method === "POST") {
      if (typeof input.profile !== "string") return problem(400, "BadRequestError", "Give profile: a latency profile as text (fixed:<ms>, lognormal:median=<ms>,p95=<ms>, or none).");
      try {
        return json(200, { profile: control.setLatency(input.profile) });
      } catch (error) {
        return problem(400, "BadRequestError", error instanceof Error ? error.message : "Invalid latency profile.");
      }
    }
  }
  if (subPath === "/dataflows" && method === "POST") return addDataflows(input, control);
  if (subPath === "/clock") {
    if (method === "GET") return json(200, control.clockState());
    if (method === "POST") return advance(input, control);
  }
  return problems.route();
}

async function advance(input: Record<string, unknown>, control: SimulatorControl): Promise<SimResponse> {
  const { advanceMs, advanceSeconds } = input;
  const ms = typeof advanceMs === "number" ? advanceMs : typeof advanceSeconds === "number" ? advanceSeconds * 1000 : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) return problem(400, "BadRequestError", "Give advanceMs or advanceSeconds: a number of at least 0 (the clock only moves forward).");
  try {
    return json(200, await control.advanceClock(ms));
  } catch (error) {
    return problem(400, "BadRequestError", error instanceof Error ? error.message : "The clock could not be moved.");
  }
}

async function addDataflows(input: Record<string, unknown>, control: SimulatorControl): Promise<SimResponse> {
  try {
    return json(201, await control.addDataflows(input));
  } catch (error) {
    return problem(400, "BadRequestError", error instanceof Error ? error.message : "Invalid dataflows.");
  }
}
