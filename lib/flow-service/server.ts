// The console server's Flow Service client, configured from the validated environment.
import "server-only";
import { serverEnv } from "@/lib/env";
import { createFlowServiceClient, type FlowServiceClient } from "./client";
import { flowServiceConfigFromEnv } from "./config";
import { pauseSandbox } from "./shared-throttle";

const globalForFlow = globalThis as unknown as { flowService?: FlowServiceClient };

export function flowService(): FlowServiceClient {
  // One client per process: it owns the IMS token cache, which must be shared by every request.
  if (!globalForFlow.flowService) {
    serverEnv(); // fail fast on any invalid variable, with every problem listed
    const config = flowServiceConfigFromEnv(process.env);
    globalForFlow.flowService = createFlowServiceClient(config, {
      // Recorded for every instance; a failure to record only loses the courtesy, never the call.
      onRateLimited: ({ sandbox, retryAfterMs }) => void pauseSandbox(sandbox ?? config.defaultSandbox, retryAfterMs).catch(() => undefined),
    });
  }
  return globalForFlow.flowService;
}

/** Forgets the client so the next call reads the environment again (tests switch simulators). */
export function resetFlowServiceClient(): void {
  globalForFlow.flowService = undefined;
}
