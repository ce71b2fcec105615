/**
 * Creating a connection without ever creating it twice.
 *
 * POST is not idempotent, so an ambiguous failure (timeout, dropped connection, 500/502/504)
 * is never answered by a blind resend. Instead we wait one backoff (so a request still being
 * processed has time to land), then look for a connection with exactly the same name created
 * after the attempt began (minus a clock-skew allowance). The console keeps names unique per
 * sandbox, so a match is ours: we adopt it. Only when nothing is found do we send again.
 * Failures that prove nothing happened (not sent, 429, 503) are retried directly.
 *
 * Residual risk: a request that lands later than our lookup could still produce a duplicate;
 * that is why a final failure after an ambiguous attempt is flagged `outcomeUnknown`.
 */
import { S3_CONNECTION_SPEC_ID, S3_CONNECTION_SPEC_VERSION } from "./constants";
import { FlowServiceError } from "./errors";
import type { FlowServiceHttp } from "./http";
import { findConnectionsByName } from "./listing";
import { createConnectionResponseSchema } from "./schemas";
import type { CallOptions, CreateConnectionInput, CreateConnectionResult } from "./types";

export const DEFAULT_CREATE_LOOKUP_SKEW_MS = 5 * 60_000;

export async function createConnectionOnce(
  http: FlowServiceHttp,
  input: CreateConnectionInput,
  opts: CallOptions & { skewMs: number },
): Promise<CreateConnectionResult> {
  const requestId = opts.requestId ?? http.newRequestId("createConnection");
  if (input.name.trim() === "") {
    // Unnamed connections could never be found again after an ambiguous failure.
    throw new FlowServiceError({ kind: "validation", requestId, fields: [{ field: "name", message: "is required" }] });
  }
  const body = {
    name: input.name,
    ...(input.description === undefined ? {} : { description: input.description }),
    auth: { specName: input.auth.specName, params: input.auth.params },
    connectionSpec: { id: S3_CONNECTION_SPEC_ID, version: S3_CONNECTION_SPEC_VERSION },
  };
  const params: Record<string, string | undefined> = input.auth.params;
  const secrets = [params.s3SecretKey, params.s3SessionToken, params.s3AccessKey];
  const startedAt = http.now();
  const callCtx = { operation: "createConnection", requestId, signal: opts.signal };

  const lookup = async (): Promise<CreateConnectionResult | undefined> => {
    const { connections } = await findConnectionsByName(http, input.name, { sandbox: opts.sandbox, signal: opts.signal }, "createConnection.lookup");
    const ours = connections
      .filter((c) => c.createdAt !== undefined && c.createdAt >= startedAt - opts.skewMs)
      .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0))[0];
    return ours ? { id: ours.id, etag: ours.etag, requestId, adopted: true } : undefined;
  };

  for (let retryIndex = 0; ; retryIndex++) {
    const outcome = await http.attempt({
      operation: "createConnection",
      method: "POST",
      path: "/connections",
      body,
      sandbox: opts.sandbox,
      requestId,
      signal: opts.signal,
      secrets,
    });

    if (outcome.ok) {
      const parsed = createConnectionResponseSchema.safeParse(outcome.response.json);
      if (parsed.success) return { id: parsed.data.id, etag: parsed.data.etag, requestId, adopted: false };
      // Created, but we cannot read the id: find it by name rather than creating another.
      const adopted = await lookup().catch(() => undefined);
      if (adopted) return adopted;
      throw new FlowServiceError({
        kind: "bad_response",
        requestId,
        status: outcome.response.status,
        outcomeUnknown: true,
        detail: "Create succeeded but the response had no readable id/etag.",
      });
    }

    const { error, phase } = outcome;
    if (phase === "final") throw error;

    if (phase === "ambiguous") {
      await http.backoff(retryIndex, error, callCtx);
      let adopted: CreateConnectionResult | undefined;
      try {
        adopted = await lookup();
      } catch {
        // We cannot tell whether the create happened: resending could duplicate it.
        throw error.asOutcomeUnknown();
      }
      if (adopted) return adopted;
      if (retryIndex >= http.policy.maxRetries) throw error.asOutcomeUnknown();
      continue;
    }

    // not-sent or rejected: nothing happened on the server, a plain retry is safe.
    if (retryIndex >= http.policy.maxRetries) throw error;
    if (!(await http.backoff(retryIndex, error, callCtx))) throw error;
  }
}
