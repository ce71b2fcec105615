// The console server's Flow Service client, configured from the validated environment, observed
// for logs and metrics (telemetry.ts), and sending each action's request id as the x-request-id of
// its first audited Flow Service call (lib/log/context.ts).
import "server-only";
import { serverEnv } from "@/lib/env";
import { claimRequestIdForFlowService } from "@/lib/log";
import { outboundPolicyFromEnv } from "@/lib/net/allowlist";
import { createGuardedFetch } from "@/lib/net/fetch";
import { createFlowServiceClient, type FlowServiceClient } from "./client";
import { flowServiceConfigFromEnv } from "./config";
import { pauseSandbox } from "./shared-throttle";
import { createImsTokenProvider, type AccessTokenProvider } from "./ims-token";
import { flowServiceTelemetry } from "./telemetry";

type ServerClient = { client: FlowServiceClient; tokens: AccessTokenProvider };

/**
 * The calls whose request id the audit trail records (create, edit, rotation, delete, test, a
 * sync's first page). The first of them in an action takes the action's request id, so its log
 * line, its audit entry and Adobe's logs share one id; lookups before it (a name check, a read)
 * keep ids of their own, logged beside the action's.
 */
const AUDITED_OPERATIONS = new Set(["createConnection", "patchConnection", "deleteConnection", "testConnection", "listConnections"]);

const globalForFlow = globalThis as unknown as { flowService?: ServerClient };

function serverClient(): ServerClient {
  // One client per process: it owns the IMS token cache, which must be shared by every request.
  if (!globalForFlow.flowService) {
    serverEnv(); // fail fast on any invalid variable, with every problem listed
    const config = flowServiceConfigFromEnv(process.env);
    const fetchImpl = createGuardedFetch(config.outbound ?? outboundPolicyFromEnv(process.env));
    const tokens = createImsTokenProvider(
      { imsUrl: config.imsUrl, clientId: config.clientId, clientSecret: config.clientSecret, scopes: config.scopes, timeoutMs: config.timeoutMs },
      // The same egress guard as every Flow Service call (ADOBE_IMS_URL is admin-typed).
      { fetch: fetchImpl, now: Date.now },
    );
    const client = createFlowServiceClient(config, {
      fetch: fetchImpl,
      tokenProvider: tokens,
      observer: flowServiceTelemetry,
      requestIdFor: (operation) => (AUDITED_OPERATIONS.has(operation) ? claimRequestIdForFlowService() : undefined),
      // Recorded for every instance; a failure to record only loses the courtesy, never the call.
      onRateLimited: ({ sandbox, retryAfterMs }) => void pauseSandbox(sandbox ?? config.defaultSandbox, retryAfterMs).catch(() => undefined),
    });
    globalForFlow.flowService = { client, tokens };
  }
  return globalForFlow.flowService;
}

export function flowService(): FlowServiceClient {
  return serverClient().client;
}

/**
 * Resolves when the console can obtain an IMS access token for Flow Service (the cached one while
 * it is valid), for readiness; rejects with a FlowServiceError otherwise. The token stays inside.
 */
export async function assertFlowServiceTokenAvailable(signal?: AbortSignal): Promise<void> {
  await serverClient().tokens.getToken({ requestId: crypto.randomUUID(), signal });
}

/** Forgets the client so the next call reads the environment again (tests switch simulators). */
export function resetFlowServiceClient(): void {
  globalForFlow.flowService = undefined;
}
