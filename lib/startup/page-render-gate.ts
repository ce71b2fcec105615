// The console server's page render gate (lib/render-gate), with its limit from the environment and
// its waits and refusals counted (README, "Metrics") and every refusal logged. Called from
// instrumentation.ts once prepareServer() has validated the environment: in the server process
// only, never in a test process that prepares a server beside simulators of its own.
import "server-only";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { recordPageRenderRefused, recordPageRenderWait } from "@/lib/metrics";
import { gatePageRenders, MAX_WAIT_MS } from "@/lib/render-gate/install";

export function gateThisServersPageRenders(): void {
  const limit = serverEnv().PAGE_RENDER_CONCURRENCY;
  gatePageRenders(limit, {
    waited: recordPageRenderWait,
    refused: () => {
      recordPageRenderRefused();
      log.warn({ limit }, `a page request waited ${MAX_WAIT_MS / 1000} s for its turn and was answered 503 (busy)`);
    },
  });
}
