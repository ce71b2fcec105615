// A real OpenID Connect provider on loopback for the single sign-on tests: oidc-provider (the
// field-standard Node implementation) with its development login page, one confidential client,
// and test users in several groups. A post-middleware can tamper with the ID token of the next
// token responses (re-signed with the provider's own key), so the console's checks of issuer,
// audience, nonce and expiry are exercised against an otherwise genuine flow.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, decodeJwt, SignJWT, type JWTPayload } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export const IDP_CLIENT = { clientId: "s3-source-console", clientSecret: "idp-test-client-secret-0123456789" } as const;

/** Test users: login name → groups. The console maps groups with IDP_ROLE_MAP. */
export const IDP_USERS = {
  alice: { name: "Alice Admin", groups: ["console-admins", "everyone"] },
  oscar: { name: "Oscar Operator", groups: ["console-ops", "everyone"] },
  vera: { name: "Vera Viewer", groups: ["console-readers"] },
  both: { name: "Bo Both", groups: ["console-readers", "console-admins"] },
  mallory: { name: "Mallory Contractor", groups: ["contractors", "everyone"] },
} as const;
export type IdpUser = keyof typeof IDP_USERS;
export const IDP_ROLE_MAP = "console-admins:admin,console-ops:operator,console-readers:viewer";

export function idpEmail(user: IdpUser): string {
  return `${user}@idp.test`;
}

export type Tamper = "issuer" | "audience" | "nonce" | "expired";

export type TestIdentityProvider = {
  issuer: string;
  /** Tamper with the ID token of every token response until cleared (null). */
  tamper(mode: Tamper | null): void;
  close(): Promise<void>;
};

const KID = "idp-test-key";

export async function startIdentityProvider(options: { port: number; redirectUris: string[] }): Promise<TestIdentityProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: KID, alg: "RS256", use: "sig" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: IDP_CLIENT.clientId,
        client_secret: IDP_CLIENT.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [signingJwk] },
    cookies: { keys: ["idp-test-cookie-key-0123456789abcdef"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups"] },
    // Scope claims in the ID token itself (the console reads groups from it).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      if (!(id in IDP_USERS)) return undefined;
      const user = IDP_USERS[id as IdpUser];
      return { accountId: id, claims: async () => ({ sub: id, email: idpEmail(id as IdpUser), email_verified: true, name: user.name, groups: [...user.groups] }) };
    },
    // The test client is first-party: grant what it asks for instead of showing a consent page.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope("openid email profile groups");
      await grant.save();
      return grant;
    },
  });

  let mode: Tamper | null = null;
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    await next();
    if (mode && ctx.oidc?.route === "token" && ctx.status === 200) {
      const body = ctx.body as { id_token?: string };
      if (body.id_token) body.id_token = await tampered(body.id_token, mode, privateKey);
    }
  });

  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(options.port, "127.0.0.1", () => resolve(listening));
  });
  if ((server.address() as AddressInfo).port !== options.port) throw new Error("identity provider did not bind its port");
  return {
    issuer,
    tamper(next) {
      mode = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function tampered(idToken: string, mode: Tamper, key: CryptoKey): Promise<string> {
  const claims: JWTPayload = { ...decodeJwt(idToken) };
  const now = Math.floor(Date.now() / 1000);
  if (mode === "issuer") claims.iss = "http://127.0.0.1:9/not-the-issuer";
  if (mode === "audience") claims.aud = "some-other-client";
  if (mode === "nonce") claims.nonce = "not-the-nonce-this-browser-sent";
  if (mode === "expired") {
    claims.iat = now - 7200;
    claims.exp = now - 3600;
  }
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT" }).sign(key);
}
