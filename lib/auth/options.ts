// next-auth configuration: password sign-in backed by the User table and, when OIDC_ISSUER is
// set, single sign-on through the organisation's OpenID Connect provider. Either way the cookie is
// a JWT that names a server-side session row (lib/auth/sessions.ts), so sessions can be ended
// before they expire.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { recordAuditEvent } from "@/lib/audit/record";
import { serverEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { authorizeCredentials } from "./authorize";
import { clientAddress } from "./client-address";
import { authSignInConfig } from "./config";
import { admitOidcUser } from "./oidc/admit";
import { OIDC_PROVIDER_ID, oidcProvider, type OidcProfile } from "./oidc/provider";
import { isRole } from "./roles";
import { openSession, revokeSession, sessionOwner } from "./sessions";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Error codes the sign-in page understands; never anything more specific than these. */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", throttled: "Throttled", disabled: "AccountDisabled" } as const;

/** next-auth's error reports, as one log line each: the code and the error's first line, never a token. */
function logReason(metadata: unknown): string {
  const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
  if (error instanceof Error) return `${error.name}: ${error.message.split("\n")[0]}`;
  return typeof metadata === "string" ? metadata.split("\n")[0]! : "unknown";
}

export function authOptions(): NextAuthOptions {
  const env = serverEnv();
  const signIn = authSignInConfig(env);
  return {
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      error: (code, metadata) => log.warn({ code, reason: logReason(metadata) }, "sign-in failed"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const result = await authorizeCredentials(credentials, clientAddress(req?.headers, env.TRUST_PROXY), signIn);
          if (result.ok) return result.user;
          if (result.reason === "throttled") throw new Error(SIGN_IN_ERRORS.throttled);
          if (result.reason === "disabled") throw new Error(SIGN_IN_ERRORS.disabled);
          return null;
        },
      }),
      ...(signIn.oidc ? [oidcProvider(signIn.oidc)] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID || !signIn.oidc) return true;
        const address = clientAddress(await headers(), env.TRUST_PROXY);
        const admitted = await admitOidcUser(user as unknown as OidcProfile, signIn.oidc, address);
        if (!admitted.ok) return `/sign-in?error=${admitted.error}`;
        // From here on, next-auth's "user" is the console's account (its id and mapped role).
        Object.assign(user, admitted.user);
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          // A sign-in: open the server-side session the cookie will name.
          const u = user as { id: string; role?: unknown };
          token.sub = u.id;
          token.role = isRole(u.role) ? u.role : "viewer";
          token.sid = await openSession(u.id, SESSION_MAX_AGE_SECONDS);
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub ?? "";
          session.user.role = isRole(token.role) ? token.role : "viewer";
          session.user.sessionId = token.sid;
        }
        return session;
      },
    },
    events: {
      // Sign-out ends the session on the server too: a copy of the cookie is worthless afterwards.
      async signOut({ token }) {
        const sid = typeof token?.sid === "string" ? token.sid : undefined;
        if (!sid || (await revokeSession(sid)) === 0) return;
        const owner = await sessionOwner(sid);
        if (owner) await recordAuditEvent({ actor: owner, action: "auth.sign_out", targetType: "session", targetId: sid, outcome: "success" });
      },
    },
  };
}
