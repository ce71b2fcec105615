// The console's OpenID Connect provider for next-auth: authorization code with PKCE, state and
// nonce; the ID token is verified by openid-client (signature against the provider's JWKS, issuer,
// audience, nonce, expiry) before anything here reads it.
//
// Every HTTP call of single sign-on (discovery, JWKS, token, userinfo) is made by openid-client
// with the options in `httpOptions` below: this is the one place where an outbound-call guard
// (lib/net) can be wired, as an `agent` or `lookup` there.
import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import type { OidcConfig } from "./config";
import { groupsFromClaim } from "./role-map";

export const OIDC_PROVIDER_ID = "oidc";

/** What the console takes from a verified ID token (and userinfo): next-auth's "user" of the sign-in. */
export type OidcProfile = { id: string; email?: string; name?: string; groups: string[] };

type Claims = Record<string, unknown>;

/** The user's email: the email claim, or an email-shaped login name (Entra ID's preferred_username, upn). */
function emailOf(claims: Claims): string | undefined {
  for (const key of ["email", "preferred_username", "upn"]) {
    const value = claims[key];
    if (typeof value === "string" && /^[^@\s]+@[^@\s]+$/.test(value)) return value.trim().toLowerCase();
  }
  return undefined;
}

export function oidcProvider(config: OidcConfig): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: config.discoveryUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes.join(" ") } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // A provider that does not answer within this time is reported as unreachable.
    httpOptions: { timeout: 5_000 },
    userinfo: {
      // Groups come from the verified ID token; providers that leave them out of it (large group
      // lists, some IMS-style providers) are asked at their userinfo endpoint, whose `sub`
      // openid-client checks against the ID token's.
      async request({ tokens: received, client }) {
        // next-auth hands over openid-client's TokenSet (already verified), typed as its parameters.
        const tokens = received as TokenSet;
        const claims = tokens.claims() as Claims;
        if (claims[config.groupsClaim] !== undefined || !client.issuer.metadata.userinfo_endpoint) return claims;
        const info = (await client.userinfo(tokens)) as Claims;
        return { ...claims, [config.groupsClaim]: info[config.groupsClaim] };
      },
    },
    profile(claims) {
      const email = emailOf(claims);
      const profile: OidcProfile = {
        id: String(claims.sub ?? ""),
        email,
        name: typeof claims.name === "string" && claims.name.trim() ? claims.name.trim() : email,
        groups: groupsFromClaim(claims[config.groupsClaim]),
      };
      return profile;
    },
  };
}
