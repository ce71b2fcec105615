/**
 * Adobe IMS access tokens (OAuth Server-to-Server, client_credentials grant).
 * One token is cached per provider until 60 s before it expires; concurrent callers share a
 * single refresh. Neither the token nor the client secret is ever logged or put in an error.
 */
import { z } from "zod";
import { callDeadline } from "@/lib/net/deadline";
import { findOutboundRefusal } from "@/lib/net/guard";
import { abortable, isTimeoutReason } from "./abort";
import { FlowServiceError } from "./errors";
import { safeDetail } from "./redact";
import type { FetchLike } from "./transport";

export const TOKEN_REFRESH_MARGIN_MS = 60_000;

export interface ImsTokenConfig {
  imsUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  timeoutMs: number;
}

export interface AccessTokenProvider {
  /** A valid access token; `requestId` attributes failures to the call that needed it. */
  getToken(ctx: { requestId: string; signal?: AbortSignal }): Promise<string>;
  /** Forget `token` if it is the cached one (called after a 401 from Flow Service). */
  invalidate(token: string): void;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
});

interface CachedToken {
  token: string;
  refreshAt: number;
}

export function createImsTokenProvider(
  config: ImsTokenConfig,
  deps: { fetch: FetchLike; now: () => number },
): AccessTokenProvider {
  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;

  async function requestToken(requestId: string): Promise<CachedToken> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: config.clientId,
      client_secret: config.clientSecret,
      scope: config.scopes,
    });
    const secrets = [config.clientSecret];
    let response: Response;
    let text: string;
    const deadline = callDeadline(config.timeoutMs);
    try {
      response = await deps.fetch(config.imsUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: form.toString(),
        signal: deadline.signal,
        // The body carries the client secret, and a 307/308 would resend it to wherever IMS
        // points: a redirect is reported, never followed.
        redirect: "manual",
      });
      text = await response.text();
    } catch (error) {
      const refusal = findOutboundRefusal(error);
      if (refusal) {
        throw new FlowServiceError({
          kind: "not_allowed",
          requestId,
          message: `${refusal.message} ADOBE_IMS_URL points there: an administrator must change it or add its origin to OUTBOUND_ALLOW.`,
        });
      }
      const timeout = isTimeoutReason(error);
      throw new FlowServiceError({
        kind: timeout ? "timeout" : "network",
        requestId,
        message: timeout ? "Adobe IMS did not answer in time." : "Could not reach Adobe IMS to obtain an access token.",
        cause: error,
      });
    } finally {
      deadline.clear();
    }
    if (response.status >= 300 && response.status < 400) {
      // Where it pointed is not repeated: it came from the target.
      throw new FlowServiceError({
        kind: "bad_response",
        requestId,
        status: response.status,
        message: "Adobe IMS answered with a redirect, which the console does not follow (a token request carries the client secret). Check ADOBE_IMS_URL.",
      });
    }
    if (!response.ok) throw imsHttpError(response.status, text, requestId, secrets);

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      // The body of a successful token response contains the token: never keep it.
      throw new FlowServiceError({
        kind: "bad_response",
        requestId,
        status: response.status,
        message: "Adobe IMS returned a token response the console could not understand.",
      });
    }
    const lifetimeMs = parsed.data.expires_in * 1000;
    // Refresh 60 s early; for very short-lived tokens, at half of their life instead.
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
    return { token: parsed.data.access_token, refreshAt: deps.now() + lifetimeMs - margin };
  }

  return {
    async getToken({ requestId, signal }) {
      const current = cached;
      if (current && deps.now() < current.refreshAt) return current.token;
      if (!inflight) {
        inflight = requestToken(requestId)
          .then((fresh) => {
            cached = fresh;
            return fresh;
          })
          .finally(() => {
            inflight = undefined;
          });
      }
      try {
        return (await abortable(inflight, signal)).token;
      } catch (error) {
        throw error instanceof FlowServiceError ? error.withRequestId(requestId) : error;
      }
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

function imsHttpError(status: number, body: string, requestId: string, secrets: string[]): FlowServiceError {
  const detail = body === "" ? undefined : safeDetail(body, secrets);
  if (status === 400 || status === 401 || status === 403) {
    return new FlowServiceError({
      kind: "unauthorized",
      requestId,
      status,
      detail,
      message: "Adobe IMS rejected the console's client credentials. Check ADOBE_CLIENT_ID, ADOBE_CLIENT_SECRET and ADOBE_SCOPES.",
    });
  }
  if (status === 429) return new FlowServiceError({ kind: "rate_limited", requestId, status, detail });
  if (status >= 500) {
    return new FlowServiceError({
      kind: "unavailable",
      requestId,
      status,
      detail,
      message: "Adobe IMS is temporarily unavailable.",
    });
  }
  return new FlowServiceError({ kind: "unexpected", requestId, status, detail });
}
