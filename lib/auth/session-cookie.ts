// The session cookie's claims, for the two places that read it: the proxy (is anyone signed in?)
// and every page and action (who, and which server-side session). Both go through next-auth's own
// getToken (its cookie name, its chunking, its decryption), and a cookie seen before is answered
// from memory (decoded-cookies.ts). No `Authorization: Bearer` fallback: a session is a cookie.
import { getToken } from "next-auth/jwt";
import type { NextApiRequest } from "next";
import { DecodedCookies } from "./decoded-cookies";

export type SessionClaims = { userId: string; sessionId: string };

type Cookie = { name: string; value: string };

/** next-auth's session cookie, under either of its names, whole or in chunks (`.0`, `.1`, ...). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

// One per bundle that imports this module (the proxy's and the server's), each in this process.
const decoded = new DecodedCookies<SessionClaims>();

export async function decodeSessionCookie(jar: readonly Cookie[], secret: string): Promise<SessionClaims | null> {
  const session = jar.filter((cookie) => SESSION_COOKIE.test(cookie.name)).sort((a, b) => a.name.localeCompare(b.name));
  // No session cookie: getToken would find none either.
  if (session.length === 0) return null;
  return decoded.claims(secret, session.map((cookie) => `${cookie.name}=${cookie.value}`).join(";"), async () => {
    // getToken reads `req.cookies` as a plain record; with no headers it has no Bearer fallback.
    const req = { cookies: Object.fromEntries(session.map((cookie) => [cookie.name, cookie.value])), headers: {} } as unknown as NextApiRequest;
    const token = await getToken({ req, secret });
    if (!token?.sub || typeof token.sid !== "string") return null;
    // getToken refused an expired token; one without an expiry is answered but not kept.
    return { claims: { userId: token.sub, sessionId: token.sid }, reusableUntilMs: typeof token.exp === "number" ? token.exp * 1000 : 0 };
  });
}
