/**
 * A stand-in for Adobe IMS's OAuth Server-to-Server token endpoint (client_credentials).
 * Error bodies follow the OAuth 2.0 shape IMS uses ({error, error_description}).
 * Tokens are opaque random strings that expire after `ttlSeconds`.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { json } from "./responses";
import type { SimResponse } from "./types";

export const IMS_TOKEN_PATH = "/ims/token/v3";
const MAX_LIVE_TOKENS = 10_000;

interface IssuedToken {
  clientId: string;
  orgId: string;
  expiresAt: number;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class TokenIssuer {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly config: { clientId: string; clientSecret: string; orgId: string; ttlSeconds: number },
    private readonly now: () => number,
  ) {}

  handle(contentType: string | undefined, bodyText: string): SimResponse {
    const oauthError = (status: number, error: string, description: string) => json(status, { error, error_description: description });
    if (!(contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    }
    const form = new URLSearchParams(bodyText);
    if (form.get("grant_type") !== "client_credentials") return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
    const clientId = form.get("client_id");
    if (!clientId) return oauthError(400, "invalid_request", "missing client_id parameter");
    if (clientId !== this.config.clientId) return oauthError(400, "invalid_client", "invalid client_id parameter");
    const secret = form.get("client_secret") ?? "";
    if (!sameSecret(secret, this.config.clientSecret)) return oauthError(401, "invalid_client", "invalid client_secret parameter");
    return json(200, { access_token: this.issue(), token_type: "bearer", expires_in: this.config.ttlSeconds });
  }

  /** Issue a token directly (tests). */
  issue(): string {
    this.prune();
    const token = `sim.${randomBytes(32).toString("base64url")}`;
    this.tokens.set(token, { clientId: this.config.clientId, orgId: this.config.orgId, expiresAt: this.now() + this.config.ttlSeconds * 1000 });
    return token;
  }

  verify(token: string): IssuedToken | undefined {
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= this.now()) return undefined;
    return issued;
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  private prune(): void {
    const now = this.now();
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
    // Oldest first (Map keeps insertion order): bound memory under a token-hungry client.
    while (this.tokens.size >= MAX_LIVE_TOKENS) {
      const oldest = this.tokens.keys().next().value;
      if (oldest === undefined) break;
      this.tokens.delete(oldest);
    }
  }
}
