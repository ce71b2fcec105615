// What every measurement receives: the running stack, a signed-in session, a Flow Service client
// configured exactly as the console's, and a log line printer.
import { createFlowServiceClient, flowServiceConfigFromEnv, type FlowServiceClient } from "../lib/flow-service";
import type { BenchStack } from "./stack";
import type { Session } from "./session";

export type BenchContext = {
  bench: BenchStack;
  session: Session;
  /** A client of its own, built from the stack's FLOW_SERVICE_URL and ADOBE_* values. */
  flow: FlowServiceClient;
  admin: { id: string; email: string };
  log: (line: string) => void;
  /** Quick mode (BENCH_QUICK=1): fewer iterations, to check the bench itself. */
  quick: boolean;
  /** Takes a named memory snapshot of the stack's processes (see memory.ts). */
  mark?: (label: string) => void;
  /** The database's processes at the moment (embedded: postmaster and backends; a server's: the bench database's backends). */
  databasePids?: () => number[];
};

export function directClient(consoleEnv: Record<string, string>): FlowServiceClient {
  return createFlowServiceClient(flowServiceConfigFromEnv(consoleEnv));
}

export const SANDBOX_COOKIE = "console-sandbox";

/** Rotation input the actions and the direct PATCH both send (a fresh token each time). */
export function newToken(index: number): string {
  return `FwoGZXIvYXdzEBench${index.toString(36)}${"x".repeat(48)}`;
}
