// next-auth configuration: credentials backed by the User table, JWT cookies that name a
// server-side session row (lib/auth/sessions.ts), so sessions can be ended before they expire.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAuditEvent } from "@/lib/audit/record";
import { serverEnv } from "@/lib/env";
import { authorizeCredentials } from "./authorize";
import { clientAddress } from "./client-address";
import { isRole } from "./roles";
import { openSession, revokeSession, sessionOwner } from "./sessions";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Error codes the sign-in page understands; never anything more specific than these. */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", throttled: "Throttled", disabled: "AccountDisabled" } as const;

export function authOptions(): NextAuthOptions {
  return {
    secret: serverEnv().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const result = await authorizeCredentials(credentials, clientAddress(req?.headers, serverEnv().TRUST_PROXY));
          if (result.ok) return result.user;
          if (result.reason === "throttled") throw new Error(SIGN_IN_ERRORS.throttled);
          if (result.reason === "disabled") throw new Error(SIGN_IN_ERRORS.disabled);
          return null;
        },
      }),
    ],
    callbacks: {
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
